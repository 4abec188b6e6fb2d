using System.Buffers.Binary;
using LiveKit.DevServer.Sctp;

namespace LiveKit.DevServer.Tests.Sctp;

public class SctpAssociationTests
{
    [Fact]
    public async Task Connect_OneSideInitiates_BothEstablishedWithNegotiatedStreams()
    {
        using var link = new SctpTestLink(optionsA: new SctpOptions { InboundStreams = 300, OutboundStreams = 200 });

        link.B.Connect();
        link.RunUntil(() => link.A.WhenEstablished.IsCompleted && link.B.WhenEstablished.IsCompleted);

        Assert.True(await link.A.WhenEstablished);
        Assert.True(await link.B.WhenEstablished);
        Assert.Equal(SctpAssociationState.Established, link.A.State);
        Assert.Equal(200, link.A.OutboundStreamCount); // min(our OS 200, peer MIS 65535)
        Assert.Equal(300, link.B.OutboundStreamCount); // min(peer OS 65535, A's MIS 300)
        // INIT, INIT ACK, COOKIE ECHO, COOKIE ACK and nothing else.
        Assert.Equal(new[] { SctpChunkType.Init, SctpChunkType.InitAck, SctpChunkType.CookieEcho, SctpChunkType.CookieAck },
            link.Sent.Select(p => (SctpChunkType)p.Packet[12]).ToArray());
    }

    [Fact]
    public void Connect_BothSidesAtOnce_InitCollisionResolvesToOneAssociation()
    {
        using var link = new SctpTestLink();

        link.A.Connect();
        link.B.Connect();
        link.RunUntil(() => link.A.State == SctpAssociationState.Established && link.B.State == SctpAssociationState.Established);

        var received = new List<string>();
        link.B.MessageReceived += (_, _, payload) => received.Add(System.Text.Encoding.UTF8.GetString(payload));
        Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage(0, 51, "after collision"u8, default));
        link.RunUntil(() => received.Count == 1);
        Assert.Equal("after collision", received.Single());
    }

    [Fact]
    public void Connect_PeerInitArrivesBeforeOurConnect_Converges()
    {
        using var link = new SctpTestLink();
        link.B.Connect();
        // A answers B's INIT statelessly, then starts its own INIT before B's COOKIE ECHO arrives (browsers connect
        // from both sides as soon as DTLS is up).
        link.DeliverNext();
        Assert.Equal(SctpAssociationState.Closed, link.A.State);
        link.A.Connect();

        link.RunUntil(() => link.A.State == SctpAssociationState.Established && link.B.State == SctpAssociationState.Established);

        var received = new List<int>();
        link.A.MessageReceived += (_, _, p) => received.Add(p[0]);
        link.B.SendMessage(0, 53, new byte[] { 9 }, default);
        link.RunUntil(() => received.Count == 1);
        Assert.Equal([9], received);
    }

    [Fact]
    public void Connect_InitLost_RetransmittedOnT1WithBackOff()
    {
        using var link = new SctpTestLink();
        int initsDropped = 0;
        link.Drop = (packet, _) => packet[12] == (byte)SctpChunkType.Init && ++initsDropped <= 2;

        link.B.Connect();
        link.RunUntil(() => link.A.State == SctpAssociationState.Established && link.B.State == SctpAssociationState.Established);

        Assert.Equal(3, link.Sent.Count(p => p.Packet[12] == (byte)SctpChunkType.Init));
    }

    [Fact]
    public async Task Connect_PeerNeverAnswers_ClosesAfterMaxInitRetransmissions()
    {
        using var link = new SctpTestLink(optionsB: new SctpOptions { MaxInitRetransmissions = 3 });
        link.Drop = (_, _) => true;

        link.B.Connect();
        link.RunUntil(() => link.B.State == SctpAssociationState.Closed, TimeSpan.FromMinutes(5));

        Assert.False(await link.B.WhenEstablished);
        Assert.Equal(3, link.Sent.Count(p => p.Packet[12] == (byte)SctpChunkType.Init));
        Assert.Contains("T1-init", link.B.CloseReason, StringComparison.Ordinal);
    }

    [Fact]
    public void SendMessage_OrderedReliableOverLossyLink_AllDeliveredIntactAndInOrder()
    {
        using var link = new SctpTestLink(seed: 7) { DropRate = 0.1, DuplicateRate = 0.05, ReorderRate = 0.2 };
        link.Connect();
        var random = new Random(11);
        var sent = new List<byte[]>();
        var received = new List<byte[]>();
        link.B.MessageReceived += (stream, ppid, payload) =>
        {
            Assert.Equal((ushort)3, stream);
            Assert.Equal(53u, ppid);
            received.Add(payload.ToArray());
        };

        for (int i = 0; i < 300; i++)
        {
            byte[] message = new byte[random.Next(1, 5000)];
            random.NextBytes(message);
            BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(0, Math.Min(4, message.Length)).ToArray(), i);
            sent.Add(message);
            Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage(3, 53, message, SctpSendOptions.Reliable));
            if (i % 10 == 0)
            {
                link.Pump();
            }
        }

        link.RunUntil(() => received.Count == sent.Count && link.A.BufferedAmount == 0);

        for (int i = 0; i < sent.Count; i++)
        {
            Assert.Equal(sent[i], received[i]);
        }

        Assert.True(link.A.Counters.DataChunksRetransmitted > 0);
        Assert.True(link.B.Counters.DuplicateDataChunks > 0);
        Assert.Equal(300, link.B.Counters.MessagesDelivered);
        Assert.Equal(0, link.A.Counters.ChunksAbandoned);
    }

    [Fact]
    public void SendMessage_UnorderedMaxRetransmitsZeroOverLossyLink_NeverRetransmittedNeverDuplicated()
    {
        using var link = new SctpTestLink(seed: 3) { DropRate = 0.2, DuplicateRate = 0.1, ReorderRate = 0.3 };
        link.Connect();
        var lossy = new SctpSendOptions(Unordered: true, MaxRetransmits: 0);
        var received = new List<int>();
        link.B.MessageReceived += (_, _, payload) => received.Add(BinaryPrimitives.ReadInt32BigEndian(payload));

        for (int i = 0; i < 400; i++)
        {
            byte[] message = new byte[200];
            BinaryPrimitives.WriteInt32BigEndian(message, i);
            Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage(1, 53, message, lossy));
            link.Pump();
        }

        link.RunUntil(() => link.A.BufferedAmount == 0);

        Assert.InRange(received.Count, 200, 399); // some lost for good, most delivered
        Assert.Equal(received.Count, received.Distinct().Count());
        Assert.Equal(0, link.A.Counters.DataChunksRetransmitted);
        Assert.Equal(0, link.A.Counters.DataChunksFastRetransmitted);
        Assert.True(link.A.Counters.ChunksAbandoned > 0);
        Assert.True(link.A.Counters.ForwardTsnSent > 0);
        Assert.True(link.B.Counters.ForwardTsnReceived > 0);
        // Every data packet offered to the link carried a TSN sent exactly once.
        var dataTsns = link.Sent.Where(p => p.ToB).SelectMany(p => DataTsns(p.Packet)).ToList();
        Assert.Equal(dataTsns.Count, dataTsns.Distinct().Count());

        // The association is not stuck behind the lost data: a reliable message still arrives.
        received.Clear();
        link.DropRate = 0;
        link.A.SendMessage(1, 53, new byte[] { 0, 0, 1, 0 }, SctpSendOptions.Reliable);
        link.RunUntil(() => received.Count == 1);
        Assert.Equal(256, received.Single());
    }

    [Fact]
    public void SendMessage_OrderedPartiallyReliable_SkipsLostMessagesAndKeepsOrder()
    {
        using var link = new SctpTestLink(seed: 5) { DropRate = 0.25, ReorderRate = 0.3 };
        link.Connect();
        var received = new List<int>();
        link.B.MessageReceived += (_, _, payload) => received.Add(BinaryPrimitives.ReadInt32BigEndian(payload));

        for (int i = 0; i < 200; i++)
        {
            byte[] message = new byte[100];
            BinaryPrimitives.WriteInt32BigEndian(message, i);
            link.A.SendMessage(2, 53, message, new SctpSendOptions(MaxRetransmits: 1));
            link.Pump();
        }

        link.RunUntil(() => link.A.BufferedAmount == 0);

        Assert.True(received.Count > 100);
        Assert.Equal(received.OrderBy(x => x), received);
        Assert.Equal(received.Count, received.Distinct().Count());
    }

    [Theory]
    [InlineData(64 * 1024)]
    [InlineData(256 * 1024)]
    public void SendMessage_LargeMessage_FragmentedAndReassembledIntact(int size)
    {
        using var link = new SctpTestLink(seed: 9) { DropRate = 0.05, ReorderRate = 0.2 };
        link.Connect();
        byte[] message = new byte[size];
        new Random(size).NextBytes(message);
        byte[]? received = null;
        link.B.MessageReceived += (_, _, payload) => received = payload.ToArray();

        Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage(0, 53, message, SctpSendOptions.Reliable));
        link.RunUntil(() => received is not null);

        Assert.Equal(message, received);
        Assert.True(link.A.Counters.DataChunksSent >= size / 1072);
        Assert.Equal(1, link.B.Counters.MessagesDelivered);
    }

    [Fact]
    public void SendMessage_InvalidInput_RefusedWithSpecificStatus()
    {
        using var link = new SctpTestLink(optionsA: new SctpOptions { MaxSendBufferBytes = 300 * 1024 });
        Assert.Equal(SctpSendStatus.NotConnected, link.A.SendMessage(0, 51, "x"u8, default));
        link.Connect();

        Assert.Equal(SctpSendStatus.InvalidSize, link.A.SendMessage(0, 51, ReadOnlySpan<byte>.Empty, default));
        Assert.Equal(SctpSendStatus.InvalidSize, link.A.SendMessage(0, 53, new byte[(256 * 1024) + 1], default));
        link.Drop = (_, _) => true;
        Assert.Equal(SctpSendStatus.Queued, link.A.SendMessage(0, 53, new byte[200 * 1024], default));
        Assert.Equal(SctpSendStatus.BufferFull, link.A.SendMessage(0, 53, new byte[200 * 1024], default));
        Assert.Equal(1, link.A.Counters.SendBufferFullRejections);
    }

    [Fact]
    public void T3_DataLost_RetransmittedAfterRtoThenBacksOff()
    {
        using var link = new SctpTestLink();
        link.Connect();
        var received = 0;
        link.B.MessageReceived += (_, _, _) => received++;
        TimeSpan rto = link.A.Rto;
        link.Drop = (_, toB) => toB;

        link.A.SendMessage(0, 51, "lost"u8, default);
        link.Pump();
        link.Time.Advance(rto - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, link.A.Counters.DataChunksRetransmitted);
        link.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, link.A.Counters.DataChunksRetransmitted);
        Assert.Equal(rto * 2, link.A.Rto); // §6.3.3 E2
        link.Time.Advance((rto * 2) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, link.A.Counters.DataChunksRetransmitted);
        link.Time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, link.A.Counters.DataChunksRetransmitted);

        // The second retransmission was lost too; the third (after 4 RTO) gets through.
        link.Drop = null;
        link.RunUntil(() => received == 1);
        Assert.Equal(3, link.A.Counters.T3Expirations);
        Assert.Equal(3, link.A.Counters.DataChunksRetransmitted);
    }

    [Fact]
    public void FastRetransmit_OneChunkLost_ResentAfterThreeMissIndicationsWithoutWaitingForT3()
    {
        using var link = new SctpTestLink();
        link.Connect();
        var received = new List<int>();
        link.B.MessageReceived += (_, _, payload) => received.Add(payload[0]);
        bool droppedOne = false;
        link.Drop = (packet, toB) => toB && packet[12] == (byte)SctpChunkType.Data && !droppedOne && (droppedOne = true);

        for (int i = 0; i < 4; i++)
        {
            byte[] message = new byte[1000];
            message[0] = (byte)i;
            link.A.SendMessage(0, 53, message, default);
        }

        link.Pump(); // no virtual time passes: only SACK-driven recovery can deliver the lost first message

        Assert.Equal([0, 1, 2, 3], received);
        Assert.Equal(1, link.A.Counters.DataChunksFastRetransmitted);
        Assert.Equal(0, link.A.Counters.T3Expirations);
    }

    [Fact]
    public void SendMessage_LargeMessageIntoSilence_FirstFlightLimitedToInitialCongestionWindow()
    {
        using var link = new SctpTestLink();
        link.Connect();
        link.Drop = (_, _) => true;
        int before = link.Sent.Count;

        link.A.SendMessage(0, 53, new byte[100 * 1024], default);

        // RFC 4960 §7.2.1: initial cwnd = min(4 * MTU, max(2 * MTU, 4380)) = 4380 bytes: four 1088-byte chunks.
        var dataChunks = link.Sent.Skip(before).Where(p => p.ToB).Sum(p => DataTsns(p.Packet).Count());
        Assert.Equal(4, dataChunks);

        // After a timeout the window is one packet: exactly one chunk is retransmitted, not the whole flight (§7.2.3).
        before = link.Sent.Count;
        link.Time.Advance(link.A.Rto);
        Assert.Equal(1, link.Sent.Skip(before).Where(p => p.ToB).Sum(p => DataTsns(p.Packet).Count()));
    }

    [Fact]
    public void T3_PeerGone_AssociationFailsAfterMaxRetransmissions()
    {
        using var link = new SctpTestLink(optionsA: new SctpOptions { MaxRetransmissions = 4, HeartbeatInterval = TimeSpan.Zero });
        link.Connect();
        var states = new List<SctpAssociationState>();
        link.A.StateChanged += (_, s) => states.Add(s);
        link.Drop = (_, _) => true;

        link.A.SendMessage(0, 51, "into the void"u8, default);
        link.RunUntil(() => link.A.State == SctpAssociationState.Closed, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(1));

        Assert.Equal(5, link.A.Counters.T3Expirations);
        Assert.Equal([SctpAssociationState.Closed], states);
        Assert.Contains("Max.Retrans", link.A.CloseReason, StringComparison.Ordinal);
        Assert.Equal(SctpSendStatus.NotConnected, link.A.SendMessage(0, 51, "x"u8, default));
    }

    [Fact]
    public void HandlePacket_MalformedOrForeign_DroppedCountedAndHarmless()
    {
        using var link = new SctpTestLink();
        link.Connect();
        var received = new List<string>();
        link.B.MessageReceived += (_, _, payload) => received.Add(System.Text.Encoding.UTF8.GetString(payload));
        link.A.SendMessage(0, 51, "valid"u8, default);
        byte[] valid = link.Sent.Last().Packet;
        link.Pump();

        byte[] badCrc = (byte[])valid.Clone();
        badCrc[^1] ^= 0xFF;
        byte[] wrongTag = (byte[])valid.Clone();
        wrongTag[4] ^= 0xFF;
        SctpPacket.WriteChecksum(wrongTag);
        byte[] wrongPort = (byte[])valid.Clone();
        wrongPort[1] ^= 0x01;
        SctpPacket.WriteChecksum(wrongPort);
        byte[] badChunkLength = (byte[])valid.Clone();
        badChunkLength[15] = 0xFF;
        SctpPacket.WriteChecksum(badChunkLength);
        byte[] emptyData = valid[..(SctpCommonHeader.Size + 16)];
        emptyData[14] = 0;
        emptyData[15] = 16; // DATA chunk of header only: "No User Data"
        SctpPacket.WriteChecksum(emptyData);

        link.B.HandlePacket(badCrc);
        link.B.HandlePacket(valid.AsSpan(0, 11));
        link.B.HandlePacket([]);
        link.B.HandlePacket(badChunkLength);
        link.B.HandlePacket(wrongTag);
        link.B.HandlePacket(wrongPort);
        link.B.HandlePacket(emptyData);
        link.B.HandlePacket(valid); // a true duplicate

        Assert.Equal(4, link.B.Counters.MalformedPacketsDropped);
        Assert.Equal(2, link.B.Counters.VerificationTagMismatchesDropped);
        Assert.Equal(1, link.B.Counters.MalformedChunksDropped);
        Assert.Equal(1, link.B.Counters.DuplicateDataChunks);
        Assert.Equal(["valid"], received);

        link.A.SendMessage(0, 51, "still fine"u8, default);
        link.RunUntil(() => received.Count == 2);
        Assert.Equal(SctpAssociationState.Established, link.B.State);
    }

    [Fact]
    public void Shutdown_WithQueuedData_DeliversItThenBothClose()
    {
        using var link = new SctpTestLink { DropRate = 0.1 };
        link.Connect();
        int received = 0;
        link.B.MessageReceived += (_, _, _) => received++;
        for (int i = 0; i < 20; i++)
        {
            link.A.SendMessage(0, 53, new byte[3000], default);
        }

        link.A.Shutdown();
        Assert.Equal(SctpSendStatus.NotConnected, link.A.SendMessage(0, 53, new byte[1], default));
        link.RunUntil(() => link.A.State == SctpAssociationState.Closed && link.B.State == SctpAssociationState.Closed);

        Assert.Equal(20, received);
        Assert.Equal("shutdown complete", link.A.CloseReason);
        Assert.Equal("shutdown complete", link.B.CloseReason);
    }

    [Fact]
    public void Abort_PeerClosesAtOnce()
    {
        using var link = new SctpTestLink();
        link.Connect();

        link.A.Abort("test over");
        link.Pump();

        Assert.Equal(SctpAssociationState.Closed, link.A.State);
        Assert.Equal(SctpAssociationState.Closed, link.B.State);
        Assert.Equal("ABORT received", link.B.CloseReason);
    }

    [Fact]
    public void ResetStreams_PeerSeesResetAndStreamSequenceRestarts()
    {
        using var link = new SctpTestLink();
        link.Connect();
        var resets = new List<ushort>();
        var received = new List<string>();
        link.B.IncomingStreamsReset += (_, streams) => resets.AddRange(streams);
        link.B.MessageReceived += (_, _, payload) => received.Add(System.Text.Encoding.UTF8.GetString(payload));
        link.A.SendMessage(4, 51, "before"u8, default);
        link.A.SendMessage(4, 51, "before 2"u8, default);

        Assert.True(link.A.ResetStreams([4]));
        link.RunUntil(() => resets.Count == 1);
        link.A.SendMessage(4, 51, "after"u8, default); // SSN 0 again on both sides
        link.RunUntil(() => received.Count == 3);

        Assert.Equal([4], resets);
        Assert.Equal(["before", "before 2", "after"], received);
        Assert.Equal(1, link.B.Counters.StreamResetsReceived);
    }

    [Fact]
    public void Heartbeat_IdleAssociation_AnsweredAndMeasured()
    {
        using var link = new SctpTestLink(optionsA: new SctpOptions { HeartbeatInterval = TimeSpan.FromSeconds(5) });
        link.Connect();

        link.RunUntil(() => link.A.Counters.HeartbeatAcksReceived >= 3, TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(1));

        Assert.True(link.A.Counters.HeartbeatsSent >= 3);
        Assert.Equal(SctpAssociationState.Established, link.A.State);
    }

    private static IEnumerable<uint> DataTsns(byte[] packet)
    {
        int at = SctpCommonHeader.Size;
        while (at + 4 <= packet.Length)
        {
            int length = BinaryPrimitives.ReadUInt16BigEndian(packet.AsSpan(at + 2));
            if (packet[at] == (byte)SctpChunkType.Data)
            {
                yield return BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(at + 4));
            }

            at += (length + 3) & ~3;
        }
    }
}
