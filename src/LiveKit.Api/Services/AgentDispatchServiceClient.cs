using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// Client of LiveKit's AgentDispatchService (Twirp): explicit agent dispatches into a room. Every call is
/// signed with a short-lived token granting <c>roomAdmin</c> for the request's room.
/// </summary>
/// <remarks>Thread-safe. Server errors surface as <see cref="TwirpException"/>; bad arguments as <see cref="ArgumentException"/> before any request is sent.</remarks>
public sealed class AgentDispatchServiceClient
{
    private const string Service = "AgentDispatchService";
    private readonly TwirpClient _twirp;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    public AgentDispatchServiceClient(HttpClient httpClient, LiveKitApiOptions options)
    {
        _twirp = new TwirpClient(httpClient, options);
    }

    /// <summary>Creates a client for <paramref name="url"/> (ws, wss, http or https).</summary>
    /// <param name="url">The LiveKit server.</param>
    /// <param name="apiKey">API key.</param>
    /// <param name="apiSecret">API secret.</param>
    /// <param name="httpClient">The HTTP client to use; a shared pooled one when null.</param>
    public AgentDispatchServiceClient(string url, string apiKey, string apiSecret, HttpClient? httpClient = null)
        : this(httpClient ?? TwirpClient.SharedHttpClient, new LiveKitApiOptions { Url = url, ApiKey = apiKey, ApiSecret = apiSecret })
    {
    }

    /// <summary>The HTTP base the calls go to.</summary>
    public Uri BaseUri => _twirp.BaseUri;

    /// <summary>Dispatches an agent into a room; returns the dispatch with its id (<c>AD_…</c>).</summary>
    public Task<AgentDispatch> CreateDispatchAsync(CreateAgentDispatchRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Room, "request.Room");
        return _twirp.CallAsync<AgentDispatch>(Service, "CreateDispatch", request, Admin(request.Room), cancellationToken);
    }

    /// <summary>Dispatches the agent registered as <paramref name="agentName"/> into <paramref name="room"/> with job metadata.</summary>
    public Task<AgentDispatch> CreateDispatchAsync(string room, string agentName, string? metadata = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(agentName);
        return CreateDispatchAsync(new CreateAgentDispatchRequest { Room = room, AgentName = agentName, Metadata = metadata ?? string.Empty }, cancellationToken);
    }

    /// <summary>Deletes a dispatch; returns it as it was.</summary>
    public Task<AgentDispatch> DeleteDispatchAsync(string dispatchId, string room, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(dispatchId);
        LiveKitNames.ValidateRoomName(room, nameof(room));
        return _twirp.CallAsync<AgentDispatch>(Service, "DeleteDispatch", new DeleteAgentDispatchRequest { DispatchId = dispatchId, Room = room }, Admin(room), cancellationToken);
    }

    /// <summary>Lists a room's dispatches, or only the one with <paramref name="dispatchId"/>.</summary>
    public async Task<IReadOnlyList<AgentDispatch>> ListDispatchAsync(string room, string? dispatchId = null, CancellationToken cancellationToken = default)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        var request = new ListAgentDispatchRequest { Room = room, DispatchId = dispatchId ?? string.Empty };
        var response = await _twirp.CallAsync<ListAgentDispatchResponse>(Service, "ListDispatch", request, Admin(room), cancellationToken).ConfigureAwait(false);
        return response.AgentDispatches;
    }

    private static VideoGrants Admin(string room) => new() { RoomAdmin = true, Room = room };
}
