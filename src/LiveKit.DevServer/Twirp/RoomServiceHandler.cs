using Google.Protobuf;
using LiveKit.Api;
using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Twirp;

/// <summary>
/// <c>livekit.RoomService</c> (srv:service/roomservice.go): each method checks the caller's grant, then
/// limits, then delegates to the rooms. Includes MoveParticipant and ForwardParticipant, which LiveKit
/// Cloud offers and self-hosted livekit-server does not.
/// </summary>
internal sealed class RoomServiceHandler(RoomManager rooms, ApiKeys keys, IOptions<DevServerOptions> options, TimeProvider time)
{
    public const string ServiceName = "livekit.RoomService";

    private readonly DevServerLimits _limits = options.Value.Limits;

    public TwirpService CreateService() => new TwirpService(ServiceName)
        .Add<CreateRoomRequest>("CreateRoom", CreateRoom)
        .Add<ListRoomsRequest>("ListRooms", ListRooms)
        .Add<DeleteRoomRequest>("DeleteRoom", DeleteRoom)
        .Add<ListParticipantsRequest>("ListParticipants", ListParticipants)
        .Add<RoomParticipantIdentity>("GetParticipant", GetParticipant)
        .Add<RoomParticipantIdentity>("RemoveParticipant", RemoveParticipant)
        .Add<MuteRoomTrackRequest>("MutePublishedTrack", MutePublishedTrack)
        .Add<UpdateParticipantRequest>("UpdateParticipant", UpdateParticipant)
        .Add<UpdateSubscriptionsRequest>("UpdateSubscriptions", UpdateSubscriptions)
        .Add<SendDataRequest>("SendData", SendData)
        .Add<UpdateRoomMetadataRequest>("UpdateRoomMetadata", UpdateRoomMetadata)
        .Add<ForwardParticipantRequest>("ForwardParticipant", ForwardParticipant)
        .Add<MoveParticipantRequest>("MoveParticipant", MoveParticipant)
        .Add<PerformRpcRequest>("PerformRpc", PerformRpcAsync);

    private Task<IMessage> CreateRoom(CreateRoomRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureCreate(call);
        if (LiveKitNames.GetRoomNameError(request.Name) is { } error)
        {
            throw TwirpErrors.InvalidArgument(error);
        }

        CheckMetadata(request.Metadata);
        foreach (var agent in request.Agents)
        {
            CheckMetadata(agent.Metadata);
            CheckAttributes(agent.Attributes);
        }

        var room = rooms.GetOrCreate(request.Name, new RoomSettings
        {
            EmptyTimeoutSeconds = request.EmptyTimeout,
            DepartureTimeoutSeconds = request.DepartureTimeout,
            MaxParticipants = request.MaxParticipants,
            Metadata = request.Metadata,
            Agents = [.. request.Agents],
        }, out _);
        return Done(room.ToInfo());
    }

    private Task<IMessage> ListRooms(ListRoomsRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureList(call);
        var response = new ListRoomsResponse();
        response.Rooms.AddRange(rooms.List(request.Names));
        return Done(response);
    }

    private Task<IMessage> DeleteRoom(DeleteRoomRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureCreate(call);
        return rooms.Delete(request.Room) ? Done(new DeleteRoomResponse()) : throw TwirpErrors.RoomNotFound();
    }

    private Task<IMessage> ListParticipants(ListParticipantsRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);

        // As livekit-server: an unknown room has no participants (not an error).
        var response = new ListParticipantsResponse();
        if (rooms.Find(request.Room) is { } room)
        {
            response.Participants.AddRange(room.ListParticipants());
        }

        return Done(response);
    }

    private Task<IMessage> GetParticipant(RoomParticipantIdentity request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        return Done(Room(request.Room).GetParticipant(request.Identity) ?? throw TwirpErrors.ParticipantNotFound());
    }

    private Task<IMessage> RemoveParticipant(RoomParticipantIdentity request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        return Room(request.Room).RemoveParticipant(request.Identity) ? Done(new RemoveParticipantResponse()) : throw TwirpErrors.ParticipantNotFound();
    }

    private Task<IMessage> MutePublishedTrack(MuteRoomTrackRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        var (found, track) = Room(request.Room).MutePublishedTrack(request.Identity, request.TrackSid, request.Muted);
        return !found ? throw TwirpErrors.ParticipantNotFound()
            : track is null ? throw TwirpErrors.TrackNotFound()
            : Done(new MuteRoomTrackResponse { Track = track });
    }

    private Task<IMessage> UpdateParticipant(UpdateParticipantRequest request, TwirpCall call)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(request.Name) > LiveKitNames.MaxParticipantNameBytes)
        {
            throw TwirpErrors.NameTooLong(LiveKitNames.MaxParticipantNameBytes);
        }

        CheckMetadata(request.Metadata);
        CheckAttributes(request.Attributes);
        TwirpPermissions.EnsureAdmin(call, request.Room);
        return Done(Room(request.Room).UpdateParticipant(request) ?? throw TwirpErrors.ParticipantNotFound());
    }

    private Task<IMessage> UpdateSubscriptions(UpdateSubscriptionsRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        var sids = request.TrackSids.Concat(request.ParticipantTracks.SelectMany(t => t.TrackSids)).ToList();
        return Room(request.Room).UpdateSubscriptions(request.Identity, sids, request.Subscribe)
            ? Done(new UpdateSubscriptionsResponse())
            : throw TwirpErrors.ParticipantNotFound();
    }

    private Task<IMessage> SendData(SendDataRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        if (request.Nonce.Length is not (0 or 16))
        {
            throw TwirpErrors.InvalidArgument($"nonce should be 16-bytes or not present, got: {request.Nonce.Length} bytes");
        }

        if (request.Data.Length > _limits.MaxDataPacketBytes)
        {
            throw TwirpErrors.InvalidArgument($"data of {request.Data.Length} bytes exceeds the limit of {_limits.MaxDataPacketBytes} bytes");
        }

        Room(request.Room).SendData(request);
        return Done(new SendDataResponse());
    }

    private Task<IMessage> UpdateRoomMetadata(UpdateRoomMetadataRequest request, TwirpCall call)
    {
        CheckMetadata(request.Metadata);
        TwirpPermissions.EnsureAdmin(call, request.Room);
        return Done(Room(request.Room).UpdateMetadata(request.Metadata));
    }

    private Task<IMessage> ForwardParticipant(ForwardParticipantRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureDestination(call, request.Room, request.DestinationRoom);
        CheckTransfer(request.Room, request.DestinationRoom);
        ThrowOnFailure(rooms.Forward(request.Room, request.Identity, request.DestinationRoom));
        return Done(new ForwardParticipantResponse());
    }

    private Task<IMessage> MoveParticipant(MoveParticipantRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureDestination(call, request.Room, request.DestinationRoom);
        CheckTransfer(request.Room, request.DestinationRoom);
        ThrowOnFailure(rooms.Move(request.Room, request.Identity, request.DestinationRoom, info => MintMovedToken(info, request.DestinationRoom)));
        return Done(new MoveParticipantResponse());
    }

    private async Task<IMessage> PerformRpcAsync(PerformRpcRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        if (request.DestinationIdentity.Length == 0)
        {
            throw TwirpErrors.DestinationIdentityRequired();
        }

        try
        {
            var payload = await Room(request.Room)
                .PerformRpcAsync(request.DestinationIdentity, request.Method, request.Payload, request.ResponseTimeoutMs, call.CancellationToken)
                .ConfigureAwait(false);
            return new PerformRpcResponse { Payload = payload };
        }
        catch (RpcCallException e)
        {
            throw TwirpErrors.Rpc(e.Code, e.Message, e.ErrorData);
        }
    }

    /// <summary>The token a moved participant's client switches to: the same identity and rights, for the destination room.</summary>
    private string MintMovedToken(ParticipantInfo info, string destinationRoom)
    {
        var permission = info.Permission ?? new ParticipantPermission();
        var grants = new VideoGrants
        {
            RoomJoin = true,
            Room = destinationRoom,
            CanPublish = permission.CanPublish,
            CanSubscribe = permission.CanSubscribe,
            CanPublishData = permission.CanPublishData,
            CanUpdateOwnMetadata = permission.CanUpdateMetadata,
            CanSubscribeMetrics = permission.CanSubscribeMetrics,
            CanManageAgentSession = permission.CanManageAgentSession,
            Hidden = permission.Hidden,
            Agent = info.Kind == ParticipantInfo.Types.Kind.Agent,
        };
        if (permission.CanPublishSources.Count > 0)
        {
            grants.CanPublishSources = [.. permission.CanPublishSources];
        }

        var token = keys.NewToken(time).WithIdentity(info.Identity).WithVideoGrants(grants).WithKind(info.Kind).WithAttributes(info.Attributes);
        if (info.Name.Length > 0)
        {
            token = token.WithName(info.Name);
        }

        if (info.Metadata.Length > 0)
        {
            token = token.WithMetadata(info.Metadata);
        }

        return token.ToJwt();
    }

    private ServerRoom Room(string name) => rooms.Find(name) ?? throw TwirpErrors.RoomNotFound();

    private void CheckTransfer(string room, string destinationRoom)
    {
        if (string.Equals(room, destinationRoom, StringComparison.Ordinal))
        {
            throw TwirpErrors.DestinationSameAsSource();
        }

        if (LiveKitNames.GetRoomNameError(destinationRoom) is { } error)
        {
            throw TwirpErrors.InvalidArgument(error);
        }

        _ = Room(room);
    }

    private static void ThrowOnFailure(TransferOutcome outcome)
    {
        switch (outcome)
        {
            case TransferOutcome.Done:
                return;
            case TransferOutcome.ParticipantNotFound:
                throw TwirpErrors.ParticipantNotFound();
            case TransferOutcome.NotMovable:
                throw TwirpErrors.NotMovable();
            case TransferOutcome.IdentityTaken:
                throw TwirpErrors.IdentityTaken();
            case TransferOutcome.DestinationFull:
                throw TwirpErrors.RoomFull();
            default:
                throw TwirpErrors.Internal($"transfer failed: {outcome}");
        }
    }

    private void CheckMetadata(string metadata)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(metadata) > _limits.MaxMetadataBytes)
        {
            throw TwirpErrors.MetadataTooLarge(_limits.MaxMetadataBytes);
        }
    }

    private void CheckAttributes(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var total = attributes.Sum(a => System.Text.Encoding.UTF8.GetByteCount(a.Key) + System.Text.Encoding.UTF8.GetByteCount(a.Value));
        if (total > _limits.MaxAttributesBytes)
        {
            throw TwirpErrors.AttributesTooLarge(_limits.MaxAttributesBytes);
        }
    }

    private static Task<IMessage> Done(IMessage message) => Task.FromResult(message);
}
