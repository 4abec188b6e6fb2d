using System.Collections.Concurrent;
using LiveKit.Rtc.Conversion;
using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>This client in a room: publishes tracks, data packets and text streams, and updates its own metadata.</summary>
public sealed class LocalParticipant : Participant
{
    private readonly FfiClient _client;

    internal LocalParticipant(Room room, FfiClient client, FfiHandle handle, ParticipantInfo info)
        : base(room, handle, info.Sid, info.Identity, info.Name, info.Metadata, ParticipantConversions.ToAttributes(info.Attributes), info.Kind.ToPublic())
    {
        _client = client;
    }

    /// <summary>This client's published tracks by track sid.</summary>
    public IReadOnlyDictionary<string, LocalTrackPublication> TrackPublications => Publications;

    internal ConcurrentDictionary<string, LocalTrackPublication> Publications { get; } = new(StringComparer.Ordinal);

    /// <summary>Publishes <paramref name="track"/>; completes when the server accepted it.</summary>
    public async Task<LocalTrackPublication> PublishTrackAsync(LocalAudioTrack track, TrackPublishOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        options ??= new TrackPublishOptions();
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        using (var trackLease = track.Handle.Acquire(track))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                PublishTrack = new PublishTrackRequest
                {
                    LocalParticipantHandle = self.Id,
                    TrackHandle = trackLease.Id,
                    Options = options.ToProto(),
                    RequestAsyncId = asyncId,
                },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).PublishTrack;
        if (callback.MessageCase == PublishTrackCallback.MessageOneofCase.Error)
        {
            throw ThrowHelper.OperationFailed($"Publishing track '{track.Name}'", callback.Error);
        }
        var owned = callback.Publication;
        var info = owned.Info;
        var publication = new LocalTrackPublication(new FfiHandle(owned.Handle.Id, Room.HandleForChildren), info.Sid, info.Name,
            info.Kind.ToPublic(), info.Source.ToPublic(), info.MimeType, info.Muted, track);
        track.Sid = info.Sid;
        Publications[info.Sid] = publication;
        return publication;
    }

    /// <summary>Stops publishing the track with <paramref name="trackSid"/> (the track itself stays usable).</summary>
    public async Task UnpublishTrackAsync(string trackSid, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(trackSid);
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                UnpublishTrack = new UnpublishTrackRequest
                {
                    LocalParticipantHandle = self.Id,
                    TrackSid = trackSid,
                    StopOnUnpublish = false,
                    RequestAsyncId = asyncId,
                },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).UnpublishTrack;
        if (callback.HasError)
        {
            throw ThrowHelper.OperationFailed($"Unpublishing track {trackSid}", callback.Error);
        }
        if (Publications.TryRemove(trackSid, out var publication))
        {
            publication.Handle.Dispose();
        }
    }

    /// <summary>
    /// Sends a data packet to everyone in the room, or to <paramref name="destinationIdentities"/> only.
    /// Reliable packets are ordered and retransmitted (up to ~15 kB each); lossy ones are not.
    /// </summary>
    public async Task PublishDataAsync(ReadOnlyMemory<byte> payload, bool reliable = true, string? topic = null,
        IEnumerable<string>? destinationIdentities = null, CancellationToken cancellationToken = default)
    {
        var completion = SendData(payload, reliable, topic, destinationIdentities, cancellationToken);
        var callback = (await completion.ConfigureAwait(false)).PublishData;
        if (callback.HasError)
        {
            throw ThrowHelper.OperationFailed("Publishing data", callback.Error);
        }
    }

    private unsafe Task<FfiEvent> SendData(ReadOnlyMemory<byte> payload, bool reliable, string? topic,
        IEnumerable<string>? destinationIdentities, CancellationToken cancellationToken)
    {
        // The core copies the payload before livekit_ffi_request returns (room.rs publish_data).
        using var pin = payload.Pin();
        using var self = Handle.Acquire(this);
        ulong asyncId = _client.NextAsyncId();
        var request = new PublishDataRequest
        {
            LocalParticipantHandle = self.Id,
            DataPtr = (ulong)pin.Pointer,
            DataLen = (ulong)payload.Length,
            Reliable = reliable,
            RequestAsyncId = asyncId,
        };
        if (topic is not null)
        {
            request.Topic = topic;
        }
        if (destinationIdentities is not null)
        {
            request.DestinationIdentities.Add(destinationIdentities);
        }
        return _client.RequestAsync(new FfiRequest { PublishData = request }, asyncId, cancellationToken);
    }

    /// <summary>Sends <paramref name="text"/> as one text stream on <paramref name="topic"/> (e.g. a transcription segment on <c>lk.transcription</c>).</summary>
    public async Task<TextStreamInfo> SendTextAsync(string text, string topic, TextStreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                SendText = new StreamSendTextRequest
                {
                    LocalParticipantHandle = self.Id,
                    Options = options.ToProto(topic),
                    Text = text,
                    RequestAsyncId = asyncId,
                },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).SendText;
        return callback.ResultCase == StreamSendTextCallback.ResultOneofCase.Error
            ? throw ThrowHelper.OperationFailed($"Sending text on topic '{topic}'", callback.Error.Description)
            : callback.Info.ToPublic();
    }

    /// <summary>Opens a text stream on <paramref name="topic"/> to write incrementally (e.g. an interim transcript growing).</summary>
    public async Task<TextStreamWriter> StreamTextAsync(string topic, TextStreamOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                TextStreamOpen = new TextStreamOpenRequest
                {
                    LocalParticipantHandle = self.Id,
                    Options = options.ToProto(topic),
                    RequestAsyncId = asyncId,
                },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).TextStreamOpen;
        if (callback.ResultCase == TextStreamOpenCallback.ResultOneofCase.Error)
        {
            throw ThrowHelper.OperationFailed($"Opening a text stream on topic '{topic}'", callback.Error.Description);
        }
        return new TextStreamWriter(new FfiHandle(callback.Writer.Handle.Id), callback.Writer.Info.ToPublic());
    }

    /// <summary>Replaces this participant's metadata (needs the canUpdateOwnMetadata grant).</summary>
    public async Task SetMetadataAsync(string metadata, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                SetLocalMetadata = new SetLocalMetadataRequest { LocalParticipantHandle = self.Id, Metadata = metadata, RequestAsyncId = asyncId },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).SetLocalMetadata;
        if (callback.HasError)
        {
            throw ThrowHelper.OperationFailed("Setting metadata", callback.Error);
        }
        Metadata = metadata;
    }

    /// <summary>Replaces this participant's display name (needs the canUpdateOwnMetadata grant).</summary>
    public async Task SetNameAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong asyncId = _client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            completion = _client.RequestAsync(new FfiRequest
            {
                SetLocalName = new SetLocalNameRequest { LocalParticipantHandle = self.Id, Name = name, RequestAsyncId = asyncId },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).SetLocalName;
        if (callback.HasError)
        {
            throw ThrowHelper.OperationFailed("Setting the name", callback.Error);
        }
        Name = name;
    }

    /// <summary>
    /// Sets attributes (merged into the existing ones; an empty value removes a key). Needs the
    /// canUpdateOwnMetadata grant.
    /// </summary>
    public async Task SetAttributesAsync(IReadOnlyDictionary<string, string> attributes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        ulong asyncId = _client.NextAsyncId();
        var request = new SetLocalAttributesRequest { RequestAsyncId = asyncId };
        foreach (var (key, value) in attributes)
        {
            request.Attributes.Add(new AttributesEntry { Key = key, Value = value });
        }
        Task<FfiEvent> completion;
        using (var self = Handle.Acquire(this))
        {
            request.LocalParticipantHandle = self.Id;
            completion = _client.RequestAsync(new FfiRequest { SetLocalAttributes = request }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).SetLocalAttributes;
        if (callback.HasError)
        {
            throw ThrowHelper.OperationFailed("Setting attributes", callback.Error);
        }
    }

    internal void Release()
    {
        foreach (var publication in Publications.Values)
        {
            publication.Handle.Dispose();
        }
        Publications.Clear();
        Handle.Dispose();
    }
}
