using Google.Protobuf;
using LiveKit.DevServer.Agents;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Twirp;

/// <summary>
/// <c>livekit.AgentDispatchService</c> (srv:service/agent_dispatch_service.go): explicit dispatches, each
/// call needing roomAdmin for the request's room. CreateDispatch creates the room when it does not exist.
/// </summary>
internal sealed class AgentDispatchServiceHandler(AgentDispatcher dispatcher, RoomManager rooms, IOptions<DevServerOptions> options)
{
    public const string ServiceName = "livekit.AgentDispatchService";

    private readonly DevServerLimits _limits = options.Value.Limits;

    public TwirpService CreateService() => new TwirpService(ServiceName)
        .Add<CreateAgentDispatchRequest>("CreateDispatch", CreateDispatch)
        .Add<DeleteAgentDispatchRequest>("DeleteDispatch", DeleteDispatch)
        .Add<ListAgentDispatchRequest>("ListDispatch", ListDispatch);

    private Task<IMessage> CreateDispatch(CreateAgentDispatchRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        if (Api.LiveKitNames.GetRoomNameError(request.Room) is { } error)
        {
            throw TwirpErrors.InvalidArgument(error);
        }

        if (System.Text.Encoding.UTF8.GetByteCount(request.Metadata) > _limits.MaxMetadataBytes)
        {
            throw TwirpErrors.MetadataTooLarge(_limits.MaxMetadataBytes);
        }

        while (true)
        {
            rooms.GetOrCreate(request.Room, null, out _);
            if (dispatcher.CreateDispatch(request) is { } dispatch)
            {
                return Task.FromResult<IMessage>(dispatch);
            }
        }
    }

    private Task<IMessage> DeleteDispatch(DeleteAgentDispatchRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        return Task.FromResult<IMessage>(dispatcher.DeleteDispatch(request.Room, request.DispatchId) ?? throw TwirpErrors.DispatchNotFound());
    }

    private Task<IMessage> ListDispatch(ListAgentDispatchRequest request, TwirpCall call)
    {
        TwirpPermissions.EnsureAdmin(call, request.Room);
        var dispatches = dispatcher.ListDispatches(request.Room, request.DispatchId) ?? throw TwirpErrors.RoomNotFound();
        var response = new ListAgentDispatchResponse();
        response.AgentDispatches.AddRange(dispatches);
        return Task.FromResult<IMessage>(response);
    }
}
