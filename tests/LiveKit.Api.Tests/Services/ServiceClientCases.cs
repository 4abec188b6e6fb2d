using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api.Tests.Services;

/// <summary>
/// One row per Twirp method: how to call it, what must arrive at the server (method, request message,
/// exact <c>video</c> grants of the bearer token), what the server answers, and what the caller gets.
/// </summary>
internal sealed record ServiceClientCase(
    string Service,
    string Method,
    Func<RoomServiceClient, AgentDispatchServiceClient, Task<object?>> Call,
    IMessage ExpectedRequest,
    string ExpectedGrants,
    IMessage Reply,
    Func<object?, bool> ResultMatches)
{
    private static readonly Room SampleRoom = new() { Sid = "RM_1", Name = "call-42", EmptyTimeout = 300, NumParticipants = 2, Metadata = "{}" };
    private static readonly ParticipantInfo SampleParticipant = new() { Sid = "PA_1", Identity = "agent-a", Name = "Agent A", State = ParticipantInfo.Types.State.Active, Kind = ParticipantInfo.Types.Kind.Standard, Version = 3 };
    private static readonly AgentDispatch SampleDispatch = new() { Id = "AD_1", AgentName = "warm-transfer", Room = "handoff-1", Metadata = "{\"kind\":\"handoff\"}", State = new AgentDispatchState { CreatedAt = 1_760_000_000 } };

    public static IReadOnlyDictionary<string, ServiceClientCase> All { get; } = Build().ToDictionary(c => c.Service + "." + c.Method);

    private static IEnumerable<ServiceClientCase> Build()
    {
        const string Admin = """{"roomAdmin":true,"room":"call-42"}""";
        var agents = new RoomAgentDispatch { AgentName = "warm-transfer", Metadata = "{\"kind\":\"call\"}" };

        yield return new("RoomService", "CreateRoom",
            (r, _) => Box(r.CreateRoomAsync(new CreateRoomRequest { Name = "call-42", EmptyTimeout = 300, Agents = { agents } })),
            new CreateRoomRequest { Name = "call-42", EmptyTimeout = 300, Agents = { agents } },
            """{"roomCreate":true}""", SampleRoom, r => SampleRoom.Equals(r));
        yield return new("RoomService", "ListRooms",
            (r, _) => Box(r.ListRoomsAsync(["call-42", "handoff-1"])),
            new ListRoomsRequest { Names = { "call-42", "handoff-1" } },
            """{"roomList":true}""", new ListRoomsResponse { Rooms = { SampleRoom } }, r => r is IReadOnlyList<Room> { Count: 1 } rooms && rooms[0].Equals(SampleRoom));
        yield return new("RoomService", "DeleteRoom",
            (r, _) => Box(r.DeleteRoomAsync("call-42")),
            new DeleteRoomRequest { Room = "call-42" },
            """{"roomCreate":true}""", new DeleteRoomResponse(), r => r is null);
        yield return new("RoomService", "ListParticipants",
            (r, _) => Box(r.ListParticipantsAsync("call-42")),
            new ListParticipantsRequest { Room = "call-42" },
            Admin, new ListParticipantsResponse { Participants = { SampleParticipant } }, r => r is IReadOnlyList<ParticipantInfo> { Count: 1 } p && p[0].Equals(SampleParticipant));
        yield return new("RoomService", "GetParticipant",
            (r, _) => Box(r.GetParticipantAsync("call-42", "agent-a")),
            new RoomParticipantIdentity { Room = "call-42", Identity = "agent-a" },
            Admin, SampleParticipant, r => SampleParticipant.Equals(r));
        yield return new("RoomService", "RemoveParticipant",
            (r, _) => Box(r.RemoveParticipantAsync("call-42", "agent-a")),
            new RoomParticipantIdentity { Room = "call-42", Identity = "agent-a" },
            Admin, new RemoveParticipantResponse(), r => r is null);
        yield return new("RoomService", "MutePublishedTrack",
            (r, _) => Box(r.MutePublishedTrackAsync("call-42", "agent-a", "TR_1", muted: true)),
            new MuteRoomTrackRequest { Room = "call-42", Identity = "agent-a", TrackSid = "TR_1", Muted = true },
            Admin, new MuteRoomTrackResponse { Track = new TrackInfo { Sid = "TR_1", Muted = true } }, r => r is TrackInfo { Sid: "TR_1", Muted: true });
        yield return new("RoomService", "UpdateParticipant",
            (r, _) => Box(r.UpdateParticipantAsync(new UpdateParticipantRequest { Room = "call-42", Identity = "agent-a", Metadata = "{\"busy\":true}", Attributes = { ["status"] = "transferring" }, Permission = new ParticipantPermission { CanPublish = true, CanSubscribe = true } })),
            new UpdateParticipantRequest { Room = "call-42", Identity = "agent-a", Metadata = "{\"busy\":true}", Attributes = { ["status"] = "transferring" }, Permission = new ParticipantPermission { CanPublish = true, CanSubscribe = true } },
            Admin, SampleParticipant, r => SampleParticipant.Equals(r));
        yield return new("RoomService", "UpdateSubscriptions",
            (r, _) => Box(r.UpdateSubscriptionsAsync(new UpdateSubscriptionsRequest { Room = "call-42", Identity = "agent-a", TrackSids = { "TR_2" }, Subscribe = false })),
            new UpdateSubscriptionsRequest { Room = "call-42", Identity = "agent-a", TrackSids = { "TR_2" }, Subscribe = false },
            Admin, new UpdateSubscriptionsResponse(), r => r is null);
        yield return new("RoomService", "SendData",
            (r, _) => Box(r.SendDataAsync("call-42", "{\"state\":\"Briefing\"}"u8.ToArray(), "wt.transfer", ["agent-a", "bot"])),
            new SendDataRequest { Room = "call-42", Data = ByteString.CopyFromUtf8("{\"state\":\"Briefing\"}"), Kind = DataPacket.Types.Kind.Reliable, Topic = "wt.transfer", DestinationIdentities = { "agent-a", "bot" } },
            Admin, new SendDataResponse(), r => r is null);
        yield return new("RoomService", "UpdateRoomMetadata",
            (r, _) => Box(r.UpdateRoomMetadataAsync("call-42", "{}")),
            new UpdateRoomMetadataRequest { Room = "call-42", Metadata = "{}" },
            Admin, SampleRoom, r => SampleRoom.Equals(r));
        yield return new("RoomService", "MoveParticipant",
            (r, _) => Box(r.MoveParticipantAsync("call-42", "agent-b", "handoff-1")),
            new MoveParticipantRequest { Room = "call-42", Identity = "agent-b", DestinationRoom = "handoff-1" },
            """{"roomAdmin":true,"room":"call-42","destinationRoom":"handoff-1"}""", new MoveParticipantResponse(), r => r is null);
        yield return new("RoomService", "ForwardParticipant",
            (r, _) => Box(r.ForwardParticipantAsync("call-42", "agent-b", "handoff-1")),
            new ForwardParticipantRequest { Room = "call-42", Identity = "agent-b", DestinationRoom = "handoff-1" },
            """{"roomAdmin":true,"room":"call-42","destinationRoom":"handoff-1"}""", new ForwardParticipantResponse(), r => r is null);
        yield return new("RoomService", "PerformRpc",
            (r, _) => Box(r.PerformRpcAsync(new PerformRpcRequest { Room = "call-42", DestinationIdentity = "bot", Method = "wt.repeat", Payload = "{}", ResponseTimeoutMs = 5000 })),
            new PerformRpcRequest { Room = "call-42", DestinationIdentity = "bot", Method = "wt.repeat", Payload = "{}", ResponseTimeoutMs = 5000 },
            Admin, new PerformRpcResponse { Payload = "ok" }, r => r is "ok");

        const string HandoffAdmin = """{"roomAdmin":true,"room":"handoff-1"}""";
        yield return new("AgentDispatchService", "CreateDispatch",
            (_, a) => Box(a.CreateDispatchAsync("handoff-1", "warm-transfer", "{\"kind\":\"handoff\"}")),
            new CreateAgentDispatchRequest { Room = "handoff-1", AgentName = "warm-transfer", Metadata = "{\"kind\":\"handoff\"}" },
            HandoffAdmin, SampleDispatch, r => SampleDispatch.Equals(r));
        yield return new("AgentDispatchService", "DeleteDispatch",
            (_, a) => Box(a.DeleteDispatchAsync("AD_1", "handoff-1")),
            new DeleteAgentDispatchRequest { DispatchId = "AD_1", Room = "handoff-1" },
            HandoffAdmin, SampleDispatch, r => SampleDispatch.Equals(r));
        yield return new("AgentDispatchService", "ListDispatch",
            (_, a) => Box(a.ListDispatchAsync("handoff-1", "AD_1")),
            new ListAgentDispatchRequest { Room = "handoff-1", DispatchId = "AD_1" },
            HandoffAdmin, new ListAgentDispatchResponse { AgentDispatches = { SampleDispatch } }, r => r is IReadOnlyList<AgentDispatch> { Count: 1 } d && d[0].Equals(SampleDispatch));
    }

    private static async Task<object?> Box<T>(Task<T> task) => await task;

    private static async Task<object?> Box(Task task)
    {
        await task;
        return null;
    }
}
