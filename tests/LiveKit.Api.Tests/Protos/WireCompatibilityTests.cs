using System.Text.Json.Nodes;
using Google.Protobuf;
using LiveKit.Api.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Protos;

/// <summary>
/// Wire compatibility with the official generated code of @livekit/protocol (driven through Node):
/// what it encodes we parse to the same values, what we encode it decodes to the same values, and
/// fields our subset leaves out survive a parse/serialize round trip through our types.
/// </summary>
public sealed class WireCompatibilityTests
{
    [Fact]
    public async Task OfficialEncoding_ParsesToSameMessages()
    {
        var samples = ProtocolSamples.All;
        var encoded = await OfficialProtocol.EncodeAsync(samples.Select(s => (OfficialProtocol.TypeName(s.Message), OfficialProtocol.OurJson(s.Message))));

        var problems = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var (name, expected) = samples[i];
            var parsed = expected.Descriptor.Parser.ParseFrom(encoded[i]);
            if (!parsed.Equals(expected))
            {
                problems.Add($"{name}: parsed {parsed}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task OurEncoding_DecodesToSameValuesInOfficialCode()
    {
        var samples = ProtocolSamples.All;
        var decoded = await OfficialProtocol.DecodeAsync(samples.Select(s => (OfficialProtocol.TypeName(s.Message), s.Message.ToByteArray())));

        var problems = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var (name, message) = samples[i];
            var ours = OfficialProtocol.OurJson(message);
            if (!JsonNode.DeepEquals(ours, decoded[i]))
            {
                problems.Add($"{name}:{Environment.NewLine}  ours     {ours.ToJsonString()}{Environment.NewLine}  official {decoded[i].ToJsonString()}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task OfficialJoinResponse_ParsesToExpectedValues()
    {
        // Written as the official code's JSON, independent of our formatter.
        var json = JsonNode.Parse("""
            {
              "join": {
                "room": { "sid": "RM_x", "name": "call-1", "creationTimeMs": "1760000000123" },
                "participant": {
                  "sid": "PA_me", "identity": "agent-a", "state": "JOINED", "kind": "AGENT", "version": 3,
                  "joinedAt": "1760000001", "joinedAtMs": "1760000001500", "isPublisher": true, "clientProtocol": 2,
                  "capabilities": ["CAP_PACKET_TRAILER"], "attributes": { "lk.agent_name": "warm-transfer" },
                  "permission": { "canPublish": true, "canSubscribe": true, "canPublishData": true, "canPublishSources": ["MICROPHONE"], "canUpdateMetadata": true, "hidden": true },
                  "tracks": [ { "sid": "TR_a", "type": "AUDIO", "source": "MICROPHONE", "mimeType": "audio/opus", "muted": true } ]
                },
                "serverInfo": { "edition": "Standard", "version": "1.9.0", "protocol": 16 },
                "pingInterval": 5, "pingTimeout": 15, "subscriberPrimary": true
              }
            }
            """)!;
        var bytes = (await OfficialProtocol.EncodeAsync([("livekit.SignalResponse", json)]))[0];

        var response = SignalResponse.Parser.ParseFrom(bytes);

        Assert.Equal(SignalResponse.MessageOneofCase.Join, response.MessageCase);
        var join = response.Join;
        Assert.Equal("RM_x", join.Room.Sid);
        Assert.Equal(1_760_000_000_123, join.Room.CreationTimeMs);
        Assert.Equal(ParticipantInfo.Types.State.Joined, join.Participant.State);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, join.Participant.Kind);
        Assert.Equal(3u, join.Participant.Version);
        Assert.Equal(1_760_000_001_500, join.Participant.JoinedAtMs);
        Assert.True(join.Participant.IsPublisher);
        Assert.Equal(2, join.Participant.ClientProtocol);
        Assert.Equal([ClientInfo.Types.Capability.CapPacketTrailer], join.Participant.Capabilities);
        Assert.Equal("warm-transfer", join.Participant.Attributes["lk.agent_name"]);
        Assert.True(join.Participant.Permission.CanPublish && join.Participant.Permission.CanUpdateMetadata && join.Participant.Permission.Hidden);
        Assert.Equal([TrackSource.Microphone], join.Participant.Permission.CanPublishSources);
        Assert.Equal(TrackSource.Microphone, join.Participant.Tracks[0].Source);
        Assert.True(join.Participant.Tracks[0].Muted);
        Assert.Equal("1.9.0", join.ServerInfo.Version);
        Assert.Equal((5, 15, true), (join.PingInterval, join.PingTimeout, join.SubscriberPrimary));
    }

    [Fact]
    public async Task OfficialDataPacket_RpcAndStreamPayloads_ParseToExpectedValues()
    {
        var requests = new (string, JsonNode)[]
        {
            ("livekit.DataPacket", JsonNode.Parse("""{"participantIdentity":"bot","destinationIdentities":["agent-b"],"sequence":9,"rpcRequest":{"id":"r1","method":"wt.repeat","payload":"{}","responseTimeoutMs":7000,"version":1}}""")!),
            ("livekit.DataPacket", JsonNode.Parse("""{"streamHeader":{"streamId":"s1","topic":"lk.transcription","mimeType":"text/plain","attributes":{"lk.segment_id":"seg-1"},"textHeader":{"operationType":"CREATE","generated":true}}}""")!),
            ("livekit.DataPacket", JsonNode.Parse("""{"user":{"payload":"eyJ9","topic":"wt.briefing","destinationIdentities":["bot"]}}""")!),
            ("livekit.DataPacket", JsonNode.Parse("""{"kind":"LOSSY","encryptedPacket":{"encryptionType":"GCM","iv":"AQID","keyIndex":1,"encryptedValue":"BAUG"}}""")!),
        };
        var encoded = await OfficialProtocol.EncodeAsync(requests);

        var rpc = DataPacket.Parser.ParseFrom(encoded[0]);
        Assert.Equal(DataPacket.ValueOneofCase.RpcRequest, rpc.ValueCase);
        Assert.Equal(("r1", "wt.repeat", 7000u, 1u), (rpc.RpcRequest.Id, rpc.RpcRequest.Method, rpc.RpcRequest.ResponseTimeoutMs, rpc.RpcRequest.Version));
        Assert.Equal((9u, "bot", "agent-b"), (rpc.Sequence, rpc.ParticipantIdentity, rpc.DestinationIdentities.Single()));

        var header = DataPacket.Parser.ParseFrom(encoded[1]);
        Assert.Equal(DataStream.Types.Header.ContentHeaderOneofCase.TextHeader, header.StreamHeader.ContentHeaderCase);
        Assert.True(header.StreamHeader.TextHeader.Generated);
        Assert.Equal("seg-1", header.StreamHeader.Attributes["lk.segment_id"]);
        Assert.False(header.StreamHeader.HasTotalLength);

        var user = DataPacket.Parser.ParseFrom(encoded[2]);
        Assert.Equal("wt.briefing", user.User.Topic);
        Assert.True(user.User.HasTopic);
        Assert.Equal("{\"}"u8.ToArray(), user.User.Payload.ToByteArray());

        var encrypted = DataPacket.Parser.ParseFrom(encoded[3]);
        Assert.Equal(DataPacket.Types.Kind.Lossy, encrypted.Kind);
        Assert.Equal(Encryption.Types.Type.Gcm, encrypted.EncryptedPacket.EncryptionType);
        Assert.Equal(new byte[] { 4, 5, 6 }, encrypted.EncryptedPacket.EncryptedValue.ToByteArray());
    }

    [Fact]
    public async Task FieldsOutsideOurSubset_SurviveRoundTripThroughOurTypes()
    {
        // Each message carries fields our .proto leaves out on purpose (egress, data-track schemas,
        // metrics). Relaying them through our types must be lossless.
        var requests = new (string Type, JsonNode Json)[]
        {
            ("livekit.WebhookEvent", JsonNode.Parse("""{"event":"egress_started","id":"EV_9","egressInfo":{"egressId":"EG_1","roomName":"call-42"},"ingressInfo":{"ingressId":"IN_1"}}""")!),
            ("livekit.CreateRoomRequest", JsonNode.Parse("""{"name":"r","egress":{"room":{"roomName":"r","layout":"speaker"}}}""")!),
            ("livekit.ParticipantUpdate", JsonNode.Parse("""{"participants":[{"sid":"PA_1","dataTracks":[{"pubHandle":1,"sid":"DTR_1","frameEncoding":{"wellKnown":"WELL_KNOWN_FRAME_ENCODING_JSON"},"schema":{"name":"pos"}}]}]}""")!),
            ("livekit.DataPacket", JsonNode.Parse("""{"participantIdentity":"a","metrics":{"timestampMs":"5","strData":["x"]}}""")!),
            ("livekit.SignalRequest", JsonNode.Parse("""{"storeDataBlobRequest":{"requestId":3,"blob":{"key":{"generic":"k"},"contents":"AQI="}}}""")!),
        };
        var encoded = await OfficialProtocol.EncodeAsync(requests);
        IMessage[] ours =
        [
            WebhookEvent.Parser.ParseFrom(encoded[0]),
            CreateRoomRequest.Parser.ParseFrom(encoded[1]),
            ParticipantUpdate.Parser.ParseFrom(encoded[2]),
            DataPacket.Parser.ParseFrom(encoded[3]),
            SignalRequest.Parser.ParseFrom(encoded[4]),
        ];

        var decoded = await OfficialProtocol.DecodeAsync(requests.Select((r, i) => (r.Type, ours[i].ToByteArray())));

        for (var i = 0; i < requests.Length; i++)
        {
            Assert.True(JsonNode.DeepEquals(requests[i].Json, decoded[i]), $"{requests[i].Type}: sent {requests[i].Json.ToJsonString()}, got back {decoded[i].ToJsonString()}");
        }

        Assert.Equal("EV_9", ((WebhookEvent)ours[0]).Id);
        Assert.Equal(DataPacket.ValueOneofCase.Metrics, ((DataPacket)ours[3]).ValueCase);
        Assert.Equal(3u, ((SignalRequest)ours[4]).StoreDataBlobRequest.RequestId);
    }
}
