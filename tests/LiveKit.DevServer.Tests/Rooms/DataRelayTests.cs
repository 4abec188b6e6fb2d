using Google.Protobuf;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Rooms;

/// <summary>The data packet relay rules (livekit-server participant.go onDataMessage / room.go), as the data channels will call them.</summary>
public sealed class DataRelayTests
{
    [Fact]
    public async Task RelayData_UserPacket_StampsSenderAndChannel_ReachesEveryoneButSender_SequenceUntouched()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        h.Join("r", "carol");
        var packet = new DataPacket { Kind = DataPacket.Types.Kind.Lossy, Sequence = 41, ParticipantIdentity = "spoofed", User = new UserPacket { Payload = ByteString.CopyFromUtf8("hi"), Topic = "wt.transfer", ParticipantIdentity = "spoofed" } };

        var outcome = alice.Room.RelayData(alice, packet.ToByteArray(), DataPacket.Types.Kind.Reliable);

        Assert.Equal(DataRelayOutcome.Relayed, outcome);
        Assert.Empty(h.Media.Of("alice").SentPackets);
        foreach (var receiver in new[] { "bob", "carol" })
        {
            var got = Assert.Single(h.Media.Of(receiver).SentPackets);
            Assert.Equal("alice", got.ParticipantIdentity);
            Assert.Equal(alice.Sid, got.ParticipantSid);
            Assert.Equal("alice", got.User.ParticipantIdentity);
            Assert.Equal(alice.Sid, got.User.ParticipantSid);
            Assert.Equal(DataPacket.Types.Kind.Reliable, got.Kind);
            Assert.Equal(41u, got.Sequence);
            Assert.Equal("hi", got.User.Payload.ToStringUtf8());
            Assert.Equal("wt.transfer", got.User.Topic);
            Assert.Equal(DataPacket.Types.Kind.Reliable, Assert.Single(h.Media.Of(receiver).SentKinds));
        }
    }

    [Fact]
    public async Task RelayData_Destinations_FromPacketThenUserPacketThenLegacySids_CopiedIntoBoth()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        var bob = h.Join("r", "bob");
        h.Join("r", "carol");

        alice.Room.RelayData(alice, new DataPacket { DestinationIdentities = { "bob" }, User = new UserPacket { Payload = ByteString.CopyFromUtf8("1") } }.ToByteArray(), DataPacket.Types.Kind.Reliable);
        alice.Room.RelayData(alice, new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("2"), DestinationIdentities = { "carol" } } }.ToByteArray(), DataPacket.Types.Kind.Reliable);
        alice.Room.RelayData(alice, new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("3"), DestinationSids = { bob.Sid } } }.ToByteArray(), DataPacket.Types.Kind.Reliable);

        var toBob = h.Media.Of("bob").SentPackets;
        var toCarol = h.Media.Of("carol").SentPackets;
        Assert.Equal(["1", "3"], toBob.Select(p => p.User.Payload.ToStringUtf8()));
        Assert.Equal(["2"], toCarol.Select(p => p.User.Payload.ToStringUtf8()));
        Assert.All(toBob, p => Assert.Equal(["bob"], p.DestinationIdentities));
        Assert.All(toBob, p => Assert.Equal(["bob"], p.User.DestinationIdentities));
        Assert.Equal(["carol"], toCarol[0].DestinationIdentities);
    }

    [Fact]
    public async Task RelayData_HiddenSender_ReachesOthersAnonymously()
    {
        await using var h = new RoomHarness();
        var bot = h.Join("r", "bot", p => p.Hidden = true);
        h.Join("r", "bob");

        bot.Room.RelayData(bot, new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("x") } }.ToByteArray(), DataPacket.Types.Kind.Reliable);

        var got = Assert.Single(h.Media.Of("bob").SentPackets);
        Assert.Equal(string.Empty, got.ParticipantIdentity);
        Assert.Equal(string.Empty, got.ParticipantSid);
        Assert.Equal(string.Empty, got.User.ParticipantIdentity);
    }

    [Fact]
    public async Task RelayData_Refused_WithoutPermission_TooLarge_Malformed_NobodyReceives()
    {
        await using var h = new RoomHarness(new RoomLimits { MaxDataPacketBytes = 100 });
        var mute = h.Join("r", "mute", p => p.CanPublishData = false);
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var small = new DataPacket { User = new UserPacket { Payload = ByteString.CopyFromUtf8("x") } }.ToByteArray();
        var large = new DataPacket { User = new UserPacket { Payload = ByteString.CopyFrom(new byte[200]) } }.ToByteArray();

        Assert.Equal(DataRelayOutcome.NotAllowed, mute.Room.RelayData(mute, small, DataPacket.Types.Kind.Reliable));
        Assert.Equal(DataRelayOutcome.TooLarge, alice.Room.RelayData(alice, large, DataPacket.Types.Kind.Reliable));
        Assert.Equal(DataRelayOutcome.Malformed, alice.Room.RelayData(alice, [0x12, 0xFF, 0x01], DataPacket.Types.Kind.Reliable));

        Assert.Empty(h.Media.Of("bob").SentPackets);
    }

    [Fact]
    public async Task RelayData_MetricsNeverForwarded_TranscriptionsOnlyFromAgents()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        var agent = h.Join("r", "agent", kind: ParticipantInfo.Types.Kind.Agent);
        h.Join("r", "bob");
        var transcription = new DataPacket { Transcription = new Transcription { TranscribedParticipantIdentity = "alice", Segments = { new TranscriptionSegment { Id = "s1", Text = "hello", Final = true } } } }.ToByteArray();

        Assert.Equal(DataRelayOutcome.Dropped, alice.Room.RelayData(alice, new DataPacket { Metrics = new MetricsBatch() }.ToByteArray(), DataPacket.Types.Kind.Reliable));
        Assert.Equal(DataRelayOutcome.Dropped, alice.Room.RelayData(alice, transcription, DataPacket.Types.Kind.Reliable));
        Assert.Equal(DataRelayOutcome.Relayed, agent.Room.RelayData(agent, transcription, DataPacket.Types.Kind.Reliable));

        var got = Assert.Single(h.Media.Of("bob").SentPackets);
        Assert.Equal("hello", got.Transcription.Segments[0].Text);
        Assert.Equal("agent", got.ParticipantIdentity);
    }

    [Fact]
    public async Task RelayData_RpcAndStreams_ForwardedUnchanged()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var rpc = new DataPacket { DestinationIdentities = { "bob" }, RpcRequest = new RpcRequest { Id = "rpc-1", Method = "greet", Payload = "{}", Version = 1 } };
        var header = new DataPacket { StreamHeader = new DataStream.Types.Header { StreamId = "s1", Topic = "lk.transcription", TextHeader = new DataStream.Types.TextHeader() } };

        alice.Room.RelayData(alice, rpc.ToByteArray(), DataPacket.Types.Kind.Reliable);
        alice.Room.RelayData(alice, header.ToByteArray(), DataPacket.Types.Kind.Reliable);

        var got = h.Media.Of("bob").SentPackets;
        Assert.Equal("greet", got[0].RpcRequest.Method);
        Assert.Equal("lk.transcription", got[1].StreamHeader.Topic);
    }

    [Fact]
    public async Task SendData_FromApi_HasNoSender_RespectsDestinations_DropsNonceRetries()
    {
        await using var h = new RoomHarness();
        var alice = h.Join("r", "alice");
        h.Join("r", "bob");
        var nonce = ByteString.CopyFrom(new byte[16] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 });
        var request = new SendDataRequest { Room = "r", Data = ByteString.CopyFromUtf8("state"), Kind = DataPacket.Types.Kind.Reliable, Topic = "wt.transfer", DestinationIdentities = { "bob" }, Nonce = nonce };

        alice.Room.SendData(request);
        alice.Room.SendData(request);
        alice.Room.SendData(new SendDataRequest { Room = "r", Data = ByteString.CopyFromUtf8("all") });

        var toBob = h.Media.Of("bob").SentPackets;
        Assert.Equal(["state", "all"], toBob.Select(p => p.User.Payload.ToStringUtf8()));
        Assert.Equal(string.Empty, toBob[0].ParticipantIdentity);
        Assert.Equal("wt.transfer", toBob[0].User.Topic);
        Assert.Equal(["all"], h.Media.Of("alice").SentPackets.Select(p => p.User.Payload.ToStringUtf8()));
    }

    [Fact]
    public async Task PerformRpc_ParticipantAcksAndResponds_PayloadReturned_ResponseNotRelayed()
    {
        await using var h = new RoomHarness();
        var bob = h.Join("r", "bob");
        h.Join("r", "carol");
        h.Media.Of("bob").OnSend = request => Task.Run(() =>
        {
            var id = request.RpcRequest.Id;
            bob.Room.RelayData(bob, new DataPacket { DestinationIdentities = { request.ParticipantIdentity }, RpcAck = new RpcAck { RequestId = id } }.ToByteArray(), DataPacket.Types.Kind.Reliable);
            bob.Room.RelayData(bob, new DataPacket { DestinationIdentities = { request.ParticipantIdentity }, RpcResponse = new RpcResponse { RequestId = id, Payload = "pong:" + request.RpcRequest.Payload } }.ToByteArray(), DataPacket.Types.Kind.Reliable);
        });

        var result = await bob.Room.PerformRpcAsync("bob", "ping", "42", 5000, CancellationToken.None);

        Assert.Equal("pong:42", result);
        var sent = Assert.Single(h.Media.Of("bob").SentPackets);
        Assert.Equal("ping", sent.RpcRequest.Method);
        Assert.Equal(1u, sent.RpcRequest.Version);
        Assert.Empty(h.Media.Of("carol").SentPackets);
    }

    [Fact]
    public async Task PerformRpc_NoAck_FailsWithConnectionTimeout()
    {
        await using var h = new RoomHarness();
        var bob = h.Join("r", "bob");

        var call = bob.Room.PerformRpcAsync("bob", "ping", "1", 5000, CancellationToken.None);
        h.Time.Advance(TimeSpan.FromSeconds(3));

        var error = await Assert.ThrowsAsync<RpcCallException>(() => call);
        Assert.Equal(RpcCallException.ConnectionTimeout, error.Code);
    }
}
