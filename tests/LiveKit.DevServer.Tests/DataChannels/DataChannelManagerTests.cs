using System.Text;
using LiveKit.DevServer.DataChannels;
using LiveKit.DevServer.Dtls;
using LiveKit.DevServer.Sctp;
using LiveKit.DevServer.Tests.Sctp;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.DevServer.Tests.DataChannels;

/// <summary>DCEP between two of our managers over two of our associations on a virtual-time link.
/// A plays the DTLS server (odd stream ids), B the DTLS client (even ids).</summary>
public class DataChannelManagerTests
{
    [Fact]
    public void CreateChannel_ServerOpensLiveKitChannels_ClientAcceptsWithOddIdsAndOptions()
    {
        using var fixture = new Fixture();
        var accepted = new List<DataChannel>();
        fixture.Client.RemoteChannelOpened += accepted.Add;
        fixture.Link.Connect();

        DataChannel reliable = fixture.Server.CreateChannel(DataChannelOptions.LiveKitReliable);
        DataChannel lossy = fixture.Server.CreateChannel(DataChannelOptions.LiveKitLossy);
        fixture.Link.RunUntil(() => accepted.Count == 2 && reliable.Acknowledged && lossy.Acknowledged);

        Assert.Equal([1, 3], accepted.Select(c => (int)c.Id));
        Assert.Equal(["_reliable", "_lossy"], accepted.Select(c => c.Label));
        Assert.True(accepted[0].Options.Ordered);
        Assert.Null(accepted[0].Options.MaxRetransmits);
        Assert.False(accepted[1].Options.Ordered);
        Assert.Equal(0, accepted[1].Options.MaxRetransmits);
        Assert.All(accepted, c => Assert.Equal(DataChannelState.Open, c.State));
        Assert.All(accepted, c => Assert.False(c.IsLocal));
        Assert.Equal(DataChannelState.Open, reliable.State);
        Assert.Equal(2, fixture.Client.Counters.ChannelsOpenedByPeer);
    }

    [Fact]
    public void CreateChannel_ClientOpensItsChannels_ServerAcceptsWithEvenIds()
    {
        using var fixture = new Fixture();
        var accepted = new List<DataChannel>();
        fixture.Server.RemoteChannelOpened += accepted.Add;
        fixture.Link.Connect();

        fixture.Client.CreateChannel(DataChannelOptions.LiveKitReliable);
        fixture.Client.CreateChannel(DataChannelOptions.LiveKitLossy);
        fixture.Client.CreateChannel(new DataChannelOptions("_data_track", Ordered: false, MaxRetransmits: 0));
        fixture.Link.RunUntil(() => accepted.Count == 3);

        Assert.Equal([0, 2, 4], accepted.Select(c => (int)c.Id));
        Assert.Equal(["_reliable", "_lossy", "_data_track"], accepted.Select(c => c.Label));
    }

    [Fact]
    public void CreateChannel_BeforeAssociationIsUp_OpensOnceEstablished()
    {
        using var fixture = new Fixture();
        var accepted = new List<DataChannel>();
        fixture.Client.RemoteChannelOpened += accepted.Add;
        DataChannel early = fixture.Server.CreateChannel(DataChannelOptions.LiveKitReliable);
        var opened = 0;
        early.Opened += _ => opened++;
        Assert.Equal(DataChannelState.Connecting, early.State);
        Assert.Equal(SctpSendStatus.NotConnected, early.SendText("too early"));

        fixture.Link.Connect();
        fixture.Link.RunUntil(() => accepted.Count == 1);

        Assert.Equal(DataChannelState.Open, early.State);
        Assert.Equal(1, opened);
    }

    [Fact]
    public void Send_TextBinaryAndEmpty_ArriveWithTheirTypesBothWays()
    {
        using var fixture = new Fixture();
        DataChannel? remote = null;
        fixture.Client.RemoteChannelOpened += c => remote = c;
        fixture.Link.Connect();
        DataChannel local = fixture.Server.CreateChannel(DataChannelOptions.LiveKitReliable);
        fixture.Link.RunUntil(() => remote is not null);
        var atClient = new List<(DataChannelMessageType, string)>();
        var atServer = new List<(DataChannelMessageType, string)>();
        remote!.MessageReceived += (_, type, payload) => atClient.Add((type, Convert.ToHexString(payload)));
        local.MessageReceived += (_, type, payload) => atServer.Add((type, Convert.ToHexString(payload)));

        Assert.Equal(SctpSendStatus.Queued, local.SendText("héllo"));
        Assert.Equal(SctpSendStatus.Queued, local.Send([1, 2, 3]));
        Assert.Equal(SctpSendStatus.Queued, local.SendText(""));
        Assert.Equal(SctpSendStatus.Queued, local.Send([]));
        Assert.Equal(SctpSendStatus.Queued, remote.SendText("back"));
        fixture.Link.RunUntil(() => atClient.Count == 4 && atServer.Count == 1);

        Assert.Equal(
            [(DataChannelMessageType.Text, Convert.ToHexString(Encoding.UTF8.GetBytes("héllo"))),
             (DataChannelMessageType.Binary, "010203"),
             (DataChannelMessageType.Text, ""),
             (DataChannelMessageType.Binary, "")],
            atClient);
        Assert.Equal([(DataChannelMessageType.Text, Convert.ToHexString("back"u8))], atServer);
        // The empty messages went as one zero byte with PPIDs 56 and 57 (RFC 8831 §6.6).
        var ppids = fixture.Link.Sent.Where(p => p.ToB).SelectMany(p => DataPpids(p.Packet)).ToList();
        Assert.Contains(56u, ppids);
        Assert.Contains(57u, ppids);
    }

    [Fact]
    public void Send_64KiBBinaryOverLossyLink_ArrivesIntact()
    {
        using var fixture = new Fixture(seed: 21);
        DataChannel? remote = null;
        fixture.Client.RemoteChannelOpened += c => remote = c;
        fixture.Link.Connect();
        DataChannel local = fixture.Server.CreateChannel(DataChannelOptions.LiveKitReliable);
        fixture.Link.RunUntil(() => remote is not null);
        byte[]? received = null;
        remote!.MessageReceived += (_, _, payload) => received = payload.ToArray();
        fixture.Link.DropRate = 0.05;
        fixture.Link.ReorderRate = 0.2;
        byte[] message = new byte[64 * 1024];
        new Random(64).NextBytes(message);

        Assert.Equal(SctpSendStatus.Queued, local.Send(message));
        fixture.Link.RunUntil(() => received is not null);

        Assert.Equal(message, received);
    }

    [Fact]
    public void Close_ByClient_BothSidesClosedAndIdReusable()
    {
        using var fixture = new Fixture();
        DataChannel? remote = null;
        fixture.Server.RemoteChannelOpened += c => remote = c;
        fixture.Link.Connect();
        DataChannel local = fixture.Client.CreateChannel(DataChannelOptions.LiveKitReliable);
        fixture.Link.RunUntil(() => remote is not null);
        bool remoteClosed = false;
        remote!.Closed += _ => remoteClosed = true;

        local.Close();
        fixture.Link.RunUntil(() => remoteClosed && fixture.Client.Channels.Count == 0);

        Assert.Equal(DataChannelState.Closed, local.State);
        Assert.Equal(DataChannelState.Closed, remote.State);
        Assert.Equal(SctpSendStatus.NotConnected, local.SendText("after close"));
        Assert.Equal(SctpSendStatus.NotConnected, remote.SendText("after close"));
        // Both directions reset: the id is free again and a new channel on it works from SSN 0.
        DataChannel again = fixture.Client.CreateChannel(DataChannelOptions.LiveKitReliable);
        Assert.Equal(0, again.Id);
        DataChannel? remoteAgain = null;
        fixture.Server.RemoteChannelOpened += c => remoteAgain = c;
        var received = new List<string>();
        fixture.Link.RunUntil(() => remoteAgain is not null);
        remoteAgain!.MessageReceived += (_, _, payload) => received.Add(Encoding.UTF8.GetString(payload));
        again.SendText("second life");
        fixture.Link.RunUntil(() => received.Count == 1);
        Assert.Equal("second life", received.Single());
    }

    [Fact]
    public void Receive_MalformedDcepOrStrayMessages_DroppedAndCounted()
    {
        using var fixture = new Fixture();
        fixture.Link.Connect();
        SctpAssociation clientAssociation = fixture.Link.B;

        clientAssociation.SendMessage(2, DataChannelPpid.Dcep, [0x03, 0x00, 0x01], default); // truncated OPEN
        clientAssociation.SendMessage(4, DataChannelPpid.Dcep, [0x07], default); // unknown DCEP type
        clientAssociation.SendMessage(6, DataChannelPpid.String, "nobody here"u8, default); // no channel
        clientAssociation.SendMessage(8, 52, "deprecated partial"u8, default); // PPID 52
        byte[] open = new byte[DataChannelOptions.LiveKitReliable.ToOpenMessage().EncodedLength];
        DataChannelOptions.LiveKitReliable.ToOpenMessage().Write(open);
        clientAssociation.SendMessage(1, DataChannelPpid.Dcep, open, default); // odd id: the server's parity
        fixture.Link.RunUntil(() => fixture.Server.Counters.OpenRequestsRejected == 1 && fixture.Server.Counters.UnsupportedPpidDropped == 1);

        Assert.Equal(2, fixture.Server.Counters.MalformedDcepDropped);
        Assert.Equal(1, fixture.Server.Counters.MessagesForUnknownChannel);
        Assert.Empty(fixture.Server.Channels);

        // Still serving well-formed requests.
        var accepted = new List<DataChannel>();
        fixture.Server.RemoteChannelOpened += accepted.Add;
        fixture.Client.CreateChannel(DataChannelOptions.LiveKitLossy);
        fixture.Link.RunUntil(() => accepted.Count == 1);
    }

    [Fact]
    public void AssociationAborted_AllChannelsClose()
    {
        using var fixture = new Fixture();
        fixture.Link.Connect();
        DataChannel channel = fixture.Server.CreateChannel(DataChannelOptions.LiveKitReliable);
        var closed = 0;
        channel.Closed += _ => closed++;

        fixture.Link.B.Abort("gone");
        fixture.Link.Pump();

        Assert.Equal(1, closed);
        Assert.Equal(DataChannelState.Closed, channel.State);
        Assert.Throws<InvalidOperationException>(() => fixture.Server.CreateChannel(DataChannelOptions.LiveKitLossy));
    }

    private static IEnumerable<uint> DataPpids(byte[] packet)
    {
        int at = SctpCommonHeader.Size;
        while (at + 4 <= packet.Length)
        {
            int length = (packet[at + 2] << 8) | packet[at + 3];
            if (packet[at] == 0)
            {
                yield return System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(packet.AsSpan(at + 12));
            }

            at += (length + 3) & ~3;
        }
    }

    private sealed class Fixture : IDisposable
    {
        public Fixture(int seed = 1)
        {
            Link = new SctpTestLink(seed);
            Server = new DataChannelManager(Link.A, DtlsRole.Server, NullLogger.Instance);
            Client = new DataChannelManager(Link.B, DtlsRole.Client, NullLogger.Instance);
        }

        public SctpTestLink Link { get; }

        public DataChannelManager Server { get; }

        public DataChannelManager Client { get; }

        public void Dispose()
        {
            Server.Dispose();
            Client.Dispose();
            Link.Dispose();
        }
    }
}
