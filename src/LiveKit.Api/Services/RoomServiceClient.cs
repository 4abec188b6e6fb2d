using System.Security.Cryptography;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// Client of LiveKit's RoomService (Twirp). Each call is signed with a short-lived token carrying only
/// the grants that method needs: <c>roomCreate</c>, <c>roomList</c>, or <c>roomAdmin</c> for the room
/// (plus <c>destinationRoom</c> for moves and forwards).
/// </summary>
/// <remarks>Thread-safe. Server errors surface as <see cref="TwirpException"/>; bad arguments as <see cref="ArgumentException"/> before any request is sent.</remarks>
public sealed class RoomServiceClient
{
    private const string Service = "RoomService";
    private readonly TwirpClient _twirp;

    /// <summary>Creates a client that sends through <paramref name="httpClient"/>.</summary>
    public RoomServiceClient(HttpClient httpClient, LiveKitApiOptions options)
    {
        _twirp = new TwirpClient(httpClient, options);
    }

    /// <summary>Creates a client for <paramref name="url"/> (ws, wss, http or https).</summary>
    /// <param name="url">The LiveKit server.</param>
    /// <param name="apiKey">API key.</param>
    /// <param name="apiSecret">API secret.</param>
    /// <param name="httpClient">The HTTP client to use; a shared pooled one when null.</param>
    public RoomServiceClient(string url, string apiKey, string apiSecret, HttpClient? httpClient = null)
        : this(httpClient ?? TwirpClient.SharedHttpClient, new LiveKitApiOptions { Url = url, ApiKey = apiKey, ApiSecret = apiSecret })
    {
    }

    /// <summary>The HTTP base the calls go to.</summary>
    public Uri BaseUri => _twirp.BaseUri;

    /// <summary>Creates a room, or returns the existing one of that name (needs <c>roomCreate</c>).</summary>
    public Task<Room> CreateRoomAsync(CreateRoomRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Name, "request.Name");
        return _twirp.CallAsync<Room>(Service, "CreateRoom", request, new VideoGrants { RoomCreate = true }, cancellationToken);
    }

    /// <summary>Lists active rooms, all or only those named (needs <c>roomList</c>).</summary>
    public async Task<IReadOnlyList<Room>> ListRoomsAsync(IEnumerable<string>? names = null, CancellationToken cancellationToken = default)
    {
        var request = new ListRoomsRequest();
        if (names is not null)
        {
            request.Names.AddRange(names);
        }

        var response = await _twirp.CallAsync<ListRoomsResponse>(Service, "ListRooms", request, new VideoGrants { RoomList = true }, cancellationToken).ConfigureAwait(false);
        return response.Rooms;
    }

    /// <summary>Deletes a room and disconnects everyone in it (needs <c>roomCreate</c>).</summary>
    public Task DeleteRoomAsync(string room, CancellationToken cancellationToken = default)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        return _twirp.CallAsync<DeleteRoomResponse>(Service, "DeleteRoom", new DeleteRoomRequest { Room = room }, new VideoGrants { RoomCreate = true }, cancellationToken);
    }

    /// <summary>Lists the participants of a room (needs <c>roomAdmin</c> for it).</summary>
    public async Task<IReadOnlyList<ParticipantInfo>> ListParticipantsAsync(string room, CancellationToken cancellationToken = default)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        var response = await _twirp.CallAsync<ListParticipantsResponse>(Service, "ListParticipants", new ListParticipantsRequest { Room = room }, Admin(room), cancellationToken).ConfigureAwait(false);
        return response.Participants;
    }

    /// <summary>Gets one participant (needs <c>roomAdmin</c>); fails with <see cref="TwirpErrorCode.NotFound"/> when absent.</summary>
    public Task<ParticipantInfo> GetParticipantAsync(string room, string identity, CancellationToken cancellationToken = default)
    {
        var request = Identity(room, identity);
        return _twirp.CallAsync<ParticipantInfo>(Service, "GetParticipant", request, Admin(room), cancellationToken);
    }

    /// <summary>Disconnects a participant from a room (needs <c>roomAdmin</c>).</summary>
    public Task RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken = default)
    {
        var request = Identity(room, identity);
        return _twirp.CallAsync<RemoveParticipantResponse>(Service, "RemoveParticipant", request, Admin(room), cancellationToken);
    }

    /// <summary>Mutes or unmutes a participant's published track (needs <c>roomAdmin</c>); returns the track.</summary>
    public async Task<TrackInfo> MutePublishedTrackAsync(string room, string identity, string trackSid, bool muted, CancellationToken cancellationToken = default)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        LiveKitNames.ValidateIdentity(identity, nameof(identity));
        ArgumentException.ThrowIfNullOrEmpty(trackSid);
        var request = new MuteRoomTrackRequest { Room = room, Identity = identity, TrackSid = trackSid, Muted = muted };
        var response = await _twirp.CallAsync<MuteRoomTrackResponse>(Service, "MutePublishedTrack", request, Admin(room), cancellationToken).ConfigureAwait(false);
        return response.Track;
    }

    /// <summary>Changes a participant's metadata, name, attributes or permission (needs <c>roomAdmin</c>).</summary>
    public Task<ParticipantInfo> UpdateParticipantAsync(UpdateParticipantRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Room, "request.Room");
        LiveKitNames.ValidateIdentity(request.Identity, "request.Identity");
        LiveKitNames.ValidateParticipantName(request.Name, "request.Name");
        return _twirp.CallAsync<ParticipantInfo>(Service, "UpdateParticipant", request, Admin(request.Room), cancellationToken);
    }

    /// <summary>Subscribes or unsubscribes a participant to tracks (needs <c>roomAdmin</c>).</summary>
    public Task UpdateSubscriptionsAsync(UpdateSubscriptionsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Room, "request.Room");
        LiveKitNames.ValidateIdentity(request.Identity, "request.Identity");
        return _twirp.CallAsync<UpdateSubscriptionsResponse>(Service, "UpdateSubscriptions", request, Admin(request.Room), cancellationToken);
    }

    /// <summary>
    /// Sends a data packet to a room's participants, all or those in <c>DestinationIdentities</c> (needs
    /// <c>roomAdmin</c>). A random 16-byte nonce is added when the request has none, so the server can drop retries.
    /// </summary>
    public Task SendDataAsync(SendDataRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Room, "request.Room");
        if (request.Nonce.IsEmpty)
        {
            request = request.Clone();
            request.Nonce = ByteString.CopyFrom(RandomNumberGenerator.GetBytes(16));
        }

        return _twirp.CallAsync<SendDataResponse>(Service, "SendData", request, Admin(request.Room), cancellationToken);
    }

    /// <summary>Sends <paramref name="data"/> reliably on <paramref name="topic"/> to a room (needs <c>roomAdmin</c>).</summary>
    /// <param name="room">The room.</param>
    /// <param name="data">The payload.</param>
    /// <param name="topic">The topic, or null for none.</param>
    /// <param name="destinationIdentities">Recipients; everyone when null or empty.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task SendDataAsync(string room, ReadOnlyMemory<byte> data, string? topic, IEnumerable<string>? destinationIdentities = null, CancellationToken cancellationToken = default)
    {
        var request = new SendDataRequest { Room = room, Data = ByteString.CopyFrom(data.Span), Kind = DataPacket.Types.Kind.Reliable };
        if (topic is not null)
        {
            request.Topic = topic;
        }

        if (destinationIdentities is not null)
        {
            request.DestinationIdentities.AddRange(destinationIdentities);
        }

        return SendDataAsync(request, cancellationToken);
    }

    /// <summary>Replaces a room's metadata and tells its participants (needs <c>roomAdmin</c>).</summary>
    public Task<Room> UpdateRoomMetadataAsync(string room, string metadata, CancellationToken cancellationToken = default)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        ArgumentNullException.ThrowIfNull(metadata);
        return _twirp.CallAsync<Room>(Service, "UpdateRoomMetadata", new UpdateRoomMetadataRequest { Room = room, Metadata = metadata }, Admin(room), cancellationToken);
    }

    /// <summary>
    /// Moves a connected participant into another room without reconnecting (needs <c>roomAdmin</c> for
    /// <paramref name="room"/> and <c>destinationRoom</c>). LiveKit Cloud and our dev server support it;
    /// self-hosted LiveKit answers <see cref="TwirpErrorCode.Unimplemented"/>.
    /// </summary>
    public Task MoveParticipantAsync(string room, string identity, string destinationRoom, CancellationToken cancellationToken = default)
    {
        _ = Identity(room, identity);
        CheckDestination(room, destinationRoom);
        var move = new MoveParticipantRequest { Room = room, Identity = identity, DestinationRoom = destinationRoom };
        return _twirp.CallAsync<MoveParticipantResponse>(Service, "MoveParticipant", move, Admin(room, destinationRoom), cancellationToken);
    }

    /// <summary>
    /// Forwards a participant's tracks into another room while it stays in its own (needs <c>roomAdmin</c>
    /// and <c>destinationRoom</c>).
    /// </summary>
    public Task ForwardParticipantAsync(string room, string identity, string destinationRoom, CancellationToken cancellationToken = default)
    {
        _ = Identity(room, identity);
        CheckDestination(room, destinationRoom);
        var forward = new ForwardParticipantRequest { Room = room, Identity = identity, DestinationRoom = destinationRoom };
        return _twirp.CallAsync<ForwardParticipantResponse>(Service, "ForwardParticipant", forward, Admin(room, destinationRoom), cancellationToken);
    }

    /// <summary>Calls an RPC method on a participant and returns its response payload (needs <c>roomAdmin</c>).</summary>
    public async Task<string> PerformRpcAsync(PerformRpcRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        LiveKitNames.ValidateRoomName(request.Room, "request.Room");
        LiveKitNames.ValidateIdentity(request.DestinationIdentity, "request.DestinationIdentity");
        ArgumentException.ThrowIfNullOrEmpty(request.Method, "request.Method");
        var response = await _twirp.CallAsync<PerformRpcResponse>(Service, "PerformRpc", request, Admin(request.Room), cancellationToken).ConfigureAwait(false);
        return response.Payload;
    }

    private static VideoGrants Admin(string room, string? destinationRoom = null) =>
        new() { RoomAdmin = true, Room = room, DestinationRoom = destinationRoom };

    private static RoomParticipantIdentity Identity(string room, string identity)
    {
        LiveKitNames.ValidateRoomName(room, nameof(room));
        LiveKitNames.ValidateIdentity(identity, nameof(identity));
        return new RoomParticipantIdentity { Room = room, Identity = identity };
    }

    private static void CheckDestination(string room, string destinationRoom)
    {
        LiveKitNames.ValidateRoomName(destinationRoom, nameof(destinationRoom));
        if (string.Equals(room, destinationRoom, StringComparison.Ordinal))
        {
            throw new ArgumentException($"The destination room must differ from the source room '{room}'.", nameof(destinationRoom));
        }
    }
}
