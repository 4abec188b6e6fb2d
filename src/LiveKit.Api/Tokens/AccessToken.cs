using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// Fluent builder for LiveKit access tokens: HS256 JWTs signed with an API secret, carrying the
/// participant's identity and grants with LiveKit's claim names.
/// </summary>
/// <example>
/// <code>
/// var jwt = new AccessToken(apiKey, apiSecret)
///     .WithIdentity("agent-a")
///     .WithName("Agent A")
///     .WithVideoGrants(new VideoGrants { RoomJoin = true, Room = "call-42" })
///     .WithTtl(TimeSpan.FromHours(1))
///     .ToJwt();
/// </code>
/// </example>
/// <remarks>Not thread-safe while being built; <see cref="ToJwt"/> may be called repeatedly.</remarks>
public sealed class AccessToken
{
    /// <summary>Validity when <see cref="WithTtl"/> is not called (LiveKit's SDK default).</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(6);

    // Claims never end up in HTML, so only what JSON itself requires is escaped (`\"`, not `\u0022`).
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly string _apiKey;
    private readonly byte[] _secret;
    private readonly TimeProvider _time;
    private TimeSpan _ttl = DefaultTtl;
    private DateTimeOffset? _notBefore;
    private string? _identity;
    private string? _name;
    private string? _metadata;
    private Dictionary<string, string>? _attributes;
    private ParticipantInfo.Types.Kind? _kind;
    private List<ParticipantInfo.Types.KindDetail>? _kindDetails;
    private VideoGrants? _video;
    private SipGrants? _sip;
    private AgentGrants? _agent;
    private InferenceGrants? _inference;
    private ObservabilityGrants? _observability;
    private RoomConfiguration? _roomConfig;
    private string? _roomPreset;
    private string? _sha256;

    /// <summary>Starts a token signed with <paramref name="apiSecret"/> and issued by <paramref name="apiKey"/>.</summary>
    /// <param name="apiKey">The API key (the token's <c>iss</c>).</param>
    /// <param name="apiSecret">The API secret the token is signed with.</param>
    /// <param name="timeProvider">Clock for <c>nbf</c>/<c>iat</c>/<c>exp</c>; the system clock when null.</param>
    public AccessToken(string apiKey, string apiSecret, TimeProvider? timeProvider = null)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new ArgumentException("The API key must not be empty.", nameof(apiKey));
        }

        if (string.IsNullOrEmpty(apiSecret))
        {
            throw new ArgumentException("The API secret must not be empty.", nameof(apiSecret));
        }

        _apiKey = apiKey;
        _secret = Encoding.UTF8.GetBytes(apiSecret);
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Sets the participant identity (<c>sub</c>); required for tokens that join a room.</summary>
    /// <exception cref="ArgumentException">The identity is empty, too long or contains control characters.</exception>
    public AccessToken WithIdentity(string identity)
    {
        LiveKitNames.ValidateIdentity(identity, nameof(identity));
        _identity = identity;
        return this;
    }

    /// <summary>Sets the participant's display name (<c>name</c>).</summary>
    public AccessToken WithName(string name)
    {
        LiveKitNames.ValidateParticipantName(name, nameof(name));
        _name = name;
        return this;
    }

    /// <summary>Sets the participant metadata (<c>metadata</c>), applied when it joins.</summary>
    public AccessToken WithMetadata(string metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        return this;
    }

    /// <summary>Adds or replaces one participant attribute (<c>attributes</c>).</summary>
    public AccessToken WithAttribute(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        (_attributes ??= new(StringComparer.Ordinal))[key] = value;
        return this;
    }

    /// <summary>Adds or replaces participant attributes (<c>attributes</c>).</summary>
    public AccessToken WithAttributes(IEnumerable<KeyValuePair<string, string>> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var (key, value) in attributes)
        {
            WithAttribute(key, value);
        }

        return this;
    }

    /// <summary>Sets the participant kind (<c>kind</c>), e.g. <see cref="ParticipantInfo.Types.Kind.Agent"/>.</summary>
    public AccessToken WithKind(ParticipantInfo.Types.Kind kind)
    {
        _ = ClaimNames.Kinds.NameOf(kind); // rejects values without a LiveKit name
        _kind = kind;
        return this;
    }

    /// <summary>Sets the participant kind details (<c>kindDetails</c>).</summary>
    public AccessToken WithKindDetails(params ParticipantInfo.Types.KindDetail[] details)
    {
        ArgumentNullException.ThrowIfNull(details);
        foreach (var detail in details)
        {
            _ = ClaimNames.KindDetailNames.NameOf(detail);
        }

        _kindDetails = [.. details];
        return this;
    }

    /// <summary>Sets the room grants (<c>video</c>). The grants are copied.</summary>
    public AccessToken WithVideoGrants(VideoGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        _video = grants.Clone();
        return this;
    }

    /// <summary>Sets the SIP grants (<c>sip</c>). The grants are copied.</summary>
    public AccessToken WithSipGrants(SipGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        _sip = grants.Clone();
        return this;
    }

    /// <summary>Sets the agent administration grants (<c>agent</c>). The grants are copied.</summary>
    public AccessToken WithAgentGrants(AgentGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        _agent = grants.Clone();
        return this;
    }

    /// <summary>Sets the inference grants (<c>inference</c>). The grants are copied.</summary>
    public AccessToken WithInferenceGrants(InferenceGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        _inference = grants.Clone();
        return this;
    }

    /// <summary>Sets the observability grants (<c>observability</c>). The grants are copied.</summary>
    public AccessToken WithObservabilityGrants(ObservabilityGrants grants)
    {
        ArgumentNullException.ThrowIfNull(grants);
        _observability = grants.Clone();
        return this;
    }

    /// <summary>Sets the room configuration (<c>roomConfig</c>) used when the token's room is created. The message is copied.</summary>
    public AccessToken WithRoomConfig(RoomConfiguration config)
    {
        ArgumentNullException.ThrowIfNull(config);
        _roomConfig = config.Clone();
        return this;
    }

    /// <summary>Sets the agents dispatched when the token's room is created (<c>roomConfig.agents</c>).</summary>
    public AccessToken WithAgents(params RoomAgentDispatch[] agents)
    {
        ArgumentNullException.ThrowIfNull(agents);
        _roomConfig ??= new RoomConfiguration();
        _roomConfig.Agents.Clear();
        _roomConfig.Agents.AddRange(agents.Select(a => a?.Clone() ?? throw new ArgumentException("An agent dispatch is null.", nameof(agents))));
        return this;
    }

    /// <summary>Sets a named room preset (<c>roomPreset</c>).</summary>
    public AccessToken WithRoomPreset(string preset)
    {
        ArgumentException.ThrowIfNullOrEmpty(preset);
        _roomPreset = preset;
        return this;
    }

    /// <summary>Sets the base64 SHA-256 of a body this token signs (<c>sha256</c>), as webhooks do.</summary>
    public AccessToken WithSha256(string sha256)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha256);
        _sha256 = sha256;
        return this;
    }

    /// <summary>Sets how long the token stays valid from now (<c>exp</c>); 6 hours by default.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The TTL is not positive.</exception>
    public AccessToken WithTtl(TimeSpan ttl)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ttl, TimeSpan.Zero);
        _ttl = ttl;
        return this;
    }

    /// <summary>Sets when the token becomes valid (<c>nbf</c>); now by default. The TTL counts from this time.</summary>
    public AccessToken WithNotBefore(DateTimeOffset notBefore)
    {
        _notBefore = notBefore;
        return this;
    }

    /// <summary>Signs the token.</summary>
    /// <returns>The compact JWT (<c>header.payload.signature</c>).</returns>
    /// <exception cref="InvalidOperationException">The token joins a room but has no identity or no room.</exception>
    public string ToJwt()
    {
        if (_video is { RoomJoin: true })
        {
            if (_identity is null)
            {
                throw new InvalidOperationException("A token with the roomJoin grant needs an identity; call WithIdentity.");
            }

            if (string.IsNullOrEmpty(_video.Room))
            {
                throw new InvalidOperationException("A token with the roomJoin grant needs the room it joins (VideoGrants.Room).");
            }
        }

        if (_video?.Room is { Length: > 0 } room)
        {
            LiveKitNames.ValidateRoomName(room, "VideoGrants.Room");
        }

        if (_video?.DestinationRoom is { Length: > 0 } destination)
        {
            LiveKitNames.ValidateRoomName(destination, "VideoGrants.DestinationRoom");
        }

        var issuedAt = _time.GetUtcNow();
        var notBefore = _notBefore ?? issuedAt;
        var expiresAt = notBefore + _ttl;

        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            WritePayload(writer, issuedAt, notBefore, expiresAt);
        }

        return Jwt.Sign(buffer.WrittenSpan, _secret);
    }

    private void WritePayload(Utf8JsonWriter w, DateTimeOffset issuedAt, DateTimeOffset notBefore, DateTimeOffset expiresAt)
    {
        w.WriteStartObject();
        w.WriteString(ClaimNames.Issuer, _apiKey);
        if (_identity is not null)
        {
            w.WriteString(ClaimNames.Subject, _identity);
        }

        w.WriteNumber(ClaimNames.NotBefore, notBefore.ToUnixTimeSeconds());
        w.WriteNumber(ClaimNames.ExpiresAt, expiresAt.ToUnixTimeSeconds());
        w.WriteNumber(ClaimNames.IssuedAt, issuedAt.ToUnixTimeSeconds());
        WriteIfSet(w, ClaimNames.Name, _name);
        WriteIfSet(w, ClaimNames.Metadata, _metadata);
        if (_attributes is { Count: > 0 })
        {
            w.WriteStartObject(ClaimNames.Attributes);
            foreach (var (key, value) in _attributes)
            {
                w.WriteString(key, value);
            }

            w.WriteEndObject();
        }

        if (_kind is { } kind)
        {
            w.WriteString(ClaimNames.Kind, ClaimNames.Kinds.NameOf(kind));
        }

        if (_kindDetails is { Count: > 0 })
        {
            w.WriteStartArray(ClaimNames.KindDetails);
            foreach (var detail in _kindDetails)
            {
                w.WriteStringValue(ClaimNames.KindDetailNames.NameOf(detail));
            }

            w.WriteEndArray();
        }

        if (_video is not null)
        {
            WriteVideo(w, _video);
        }

        if (_sip is not null)
        {
            w.WriteStartObject(ClaimNames.Sip);
            WriteIfTrue(w, ClaimNames.Admin, _sip.Admin);
            WriteIfTrue(w, ClaimNames.Call, _sip.Call);
            w.WriteEndObject();
        }

        if (_agent is not null)
        {
            w.WriteStartObject(ClaimNames.Agent);
            WriteIfTrue(w, ClaimNames.Admin, _agent.Admin);
            WriteIfTrue(w, ClaimNames.SimulationAdmin, _agent.SimulationAdmin);
            WriteIfTrue(w, ClaimNames.DatabaseAdmin, _agent.DatabaseAdmin);
            w.WriteEndObject();
        }

        if (_inference is not null)
        {
            w.WriteStartObject(ClaimNames.Inference);
            WriteIfTrue(w, ClaimNames.Perform, _inference.Perform);
            w.WriteEndObject();
        }

        if (_observability is not null)
        {
            w.WriteStartObject(ClaimNames.Observability);
            WriteIfTrue(w, ClaimNames.Write, _observability.Write);
            w.WriteEndObject();
        }

        if (_roomConfig is not null)
        {
            // LiveKit writes the room configuration as protobuf JSON (lowerCamelCase names); re-written compact.
            w.WritePropertyName(ClaimNames.RoomConfig);
            using var config = JsonDocument.Parse(JsonFormatter.Default.Format(_roomConfig));
            config.RootElement.WriteTo(w);
        }

        WriteIfSet(w, ClaimNames.RoomPreset, _roomPreset);
        WriteIfSet(w, ClaimNames.Sha256, _sha256);
        w.WriteEndObject();
    }

    private static void WriteVideo(Utf8JsonWriter w, VideoGrants v)
    {
        w.WriteStartObject(ClaimNames.Video);
        WriteIfTrue(w, ClaimNames.RoomCreate, v.RoomCreate);
        WriteIfTrue(w, ClaimNames.RoomList, v.RoomList);
        WriteIfTrue(w, ClaimNames.RoomRecord, v.RoomRecord);
        WriteIfTrue(w, ClaimNames.RoomAdmin, v.RoomAdmin);
        WriteIfTrue(w, ClaimNames.RoomJoin, v.RoomJoin);
        WriteIfSet(w, ClaimNames.Room, v.Room);
        WriteIfHasValue(w, ClaimNames.CanPublish, v.CanPublish);
        WriteIfHasValue(w, ClaimNames.CanSubscribe, v.CanSubscribe);
        WriteIfHasValue(w, ClaimNames.CanPublishData, v.CanPublishData);
        if (v.CanPublishSources is { Count: > 0 } sources)
        {
            w.WriteStartArray(ClaimNames.CanPublishSources);
            foreach (var source in sources)
            {
                w.WriteStringValue(ClaimNames.TrackSources.NameOf(source));
            }

            w.WriteEndArray();
        }

        WriteIfHasValue(w, ClaimNames.CanUpdateOwnMetadata, v.CanUpdateOwnMetadata);
        WriteIfTrue(w, ClaimNames.IngressAdmin, v.IngressAdmin);
        WriteIfTrue(w, ClaimNames.Hidden, v.Hidden);
        WriteIfTrue(w, ClaimNames.Recorder, v.Recorder);
        WriteIfTrue(w, ClaimNames.VideoAgent, v.Agent);
        WriteIfHasValue(w, ClaimNames.CanSubscribeMetrics, v.CanSubscribeMetrics);
        WriteIfHasValue(w, ClaimNames.CanManageAgentSession, v.CanManageAgentSession);
        WriteIfSet(w, ClaimNames.DestinationRoom, v.DestinationRoom);
        w.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter w, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            w.WriteString(name, value);
        }
    }

    private static void WriteIfTrue(Utf8JsonWriter w, string name, bool value)
    {
        if (value)
        {
            w.WriteBoolean(name, true);
        }
    }

    private static void WriteIfHasValue(Utf8JsonWriter w, string name, bool? value)
    {
        if (value is { } set)
        {
            w.WriteBoolean(name, set);
        }
    }
}
