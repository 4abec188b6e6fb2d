using System.Text;
using System.Text.Json;
using Google.Protobuf;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>Reads a JWT payload (UTF-8 JSON) into <see cref="ClaimGrants"/>, with LiveKit's claim names.</summary>
/// <remarks>
/// Unknown claims are skipped, JSON null counts as absent, and a known claim of the wrong JSON type is
/// an error naming that claim. Runs before the signature check (the key is chosen by <c>iss</c>), so it
/// must treat its input as hostile: it only reads, never allocates more than the claims it returns.
/// </remarks>
internal static class ClaimsReader
{
    private static readonly JsonParser ProtoJson = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));

    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 16 };

    public static ClaimGrants Read(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, ReaderOptions);
        try
        {
            return ReadPayload(ref reader, json);
        }
        catch (JsonException e)
        {
            throw Malformed($"The token payload is not valid JSON ({e.Message}).");
        }
        catch (InvalidProtocolBufferException e)
        {
            throw Malformed($"The roomConfig claim is not a valid RoomConfiguration ({e.Message}).");
        }
    }

    private static ClaimGrants ReadPayload(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        if (!r.Read() || r.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("The token payload is not a JSON object.");
        }

        string? issuer = null, subject = null, jwtId = null, name = null, metadata = null, roomPreset = null, sha256 = null;
        long? exp = null, nbf = null, iat = null;
        Dictionary<string, string>? attributes = null;
        ParticipantInfo.Types.Kind? kind = null;
        List<ParticipantInfo.Types.KindDetail>? kindDetails = null;
        VideoGrants? video = null;
        SipGrants? sip = null;
        AgentGrants? agent = null;
        InferenceGrants? inference = null;
        ObservabilityGrants? observability = null;
        RoomConfiguration? roomConfig = null;

        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.Issuer)) { issuer = ReadString(ref r, ClaimNames.Issuer); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Subject)) { subject = ReadString(ref r, ClaimNames.Subject); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.JwtId)) { jwtId = ReadString(ref r, ClaimNames.JwtId); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.ExpiresAt)) { exp = ReadNumericDate(ref r, ClaimNames.ExpiresAt); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.NotBefore)) { nbf = ReadNumericDate(ref r, ClaimNames.NotBefore); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.IssuedAt)) { iat = ReadNumericDate(ref r, ClaimNames.IssuedAt); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Name)) { name = ReadString(ref r, ClaimNames.Name); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Metadata)) { metadata = ReadString(ref r, ClaimNames.Metadata); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Attributes)) { attributes = ReadAttributes(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Kind)) { kind = ReadString(ref r, ClaimNames.Kind) is { Length: > 0 } k ? ClaimNames.Kinds.ValueOf(k) : null; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.KindDetails)) { kindDetails = ReadKindDetails(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Video)) { video = ReadVideo(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Sip)) { sip = ReadSip(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Agent)) { agent = ReadAgent(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Inference)) { inference = ReadInference(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Observability)) { observability = ReadObservability(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomConfig)) { roomConfig = ReadRoomConfig(ref r, json); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomPreset)) { roomPreset = ReadString(ref r, ClaimNames.RoomPreset); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Sha256)) { sha256 = ReadString(ref r, ClaimNames.Sha256); }
            else { r.Read(); r.Skip(); }
        }

        return new ClaimGrants
        {
            ApiKey = issuer ?? string.Empty,
            Identity = !string.IsNullOrEmpty(subject) ? subject : jwtId ?? string.Empty,
            Name = name,
            Metadata = metadata,
            Attributes = attributes is null ? System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty : attributes.AsReadOnly(),
            Kind = kind,
            KindDetails = kindDetails ?? [],
            Video = video,
            Sip = sip,
            Agent = agent,
            Inference = inference,
            Observability = observability,
            RoomConfig = roomConfig,
            RoomPreset = roomPreset,
            Sha256 = sha256,
            ExpiresAt = exp is { } e ? DateTimeOffset.FromUnixTimeSeconds(e) : null,
            NotBefore = nbf is { } n ? DateTimeOffset.FromUnixTimeSeconds(n) : null,
            IssuedAt = iat is { } i ? DateTimeOffset.FromUnixTimeSeconds(i) : null,
        };
    }

    private static VideoGrants? ReadVideo(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Video))
        {
            return null;
        }

        var v = new VideoGrants();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.RoomCreate)) { v.RoomCreate = ReadBool(ref r, ClaimNames.RoomCreate) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomList)) { v.RoomList = ReadBool(ref r, ClaimNames.RoomList) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomRecord)) { v.RoomRecord = ReadBool(ref r, ClaimNames.RoomRecord) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomAdmin)) { v.RoomAdmin = ReadBool(ref r, ClaimNames.RoomAdmin) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.RoomJoin)) { v.RoomJoin = ReadBool(ref r, ClaimNames.RoomJoin) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Room)) { v.Room = ReadString(ref r, ClaimNames.Room); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanPublish)) { v.CanPublish = ReadBool(ref r, ClaimNames.CanPublish); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanSubscribe)) { v.CanSubscribe = ReadBool(ref r, ClaimNames.CanSubscribe); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanPublishData)) { v.CanPublishData = ReadBool(ref r, ClaimNames.CanPublishData); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanPublishSources)) { v.CanPublishSources = ReadSources(ref r); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanUpdateOwnMetadata)) { v.CanUpdateOwnMetadata = ReadBool(ref r, ClaimNames.CanUpdateOwnMetadata); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.IngressAdmin)) { v.IngressAdmin = ReadBool(ref r, ClaimNames.IngressAdmin) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Hidden)) { v.Hidden = ReadBool(ref r, ClaimNames.Hidden) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Recorder)) { v.Recorder = ReadBool(ref r, ClaimNames.Recorder) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.VideoAgent)) { v.Agent = ReadBool(ref r, ClaimNames.VideoAgent) ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanSubscribeMetrics)) { v.CanSubscribeMetrics = ReadBool(ref r, ClaimNames.CanSubscribeMetrics); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.CanManageAgentSession)) { v.CanManageAgentSession = ReadBool(ref r, ClaimNames.CanManageAgentSession); }
            else if (r.ValueTextEquals(ClaimNames.Utf8.DestinationRoom)) { v.DestinationRoom = ReadString(ref r, ClaimNames.DestinationRoom); }
            else { r.Read(); r.Skip(); }
        }

        return v;
    }

    private static SipGrants? ReadSip(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Sip))
        {
            return null;
        }

        var s = new SipGrants();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.Admin)) { s.Admin = ReadBool(ref r, "sip.admin") ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.Call)) { s.Call = ReadBool(ref r, "sip.call") ?? false; }
            else { r.Read(); r.Skip(); }
        }

        return s;
    }

    private static AgentGrants? ReadAgent(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Agent))
        {
            return null;
        }

        var a = new AgentGrants();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.Admin)) { a.Admin = ReadBool(ref r, "agent.admin") ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.SimulationAdmin)) { a.SimulationAdmin = ReadBool(ref r, "agent.simulationAdmin") ?? false; }
            else if (r.ValueTextEquals(ClaimNames.Utf8.DatabaseAdmin)) { a.DatabaseAdmin = ReadBool(ref r, "agent.databaseAdmin") ?? false; }
            else { r.Read(); r.Skip(); }
        }

        return a;
    }

    private static InferenceGrants? ReadInference(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Inference))
        {
            return null;
        }

        var g = new InferenceGrants();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.Perform)) { g.Perform = ReadBool(ref r, "inference.perform") ?? false; }
            else { r.Read(); r.Skip(); }
        }

        return g;
    }

    private static ObservabilityGrants? ReadObservability(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Observability))
        {
            return null;
        }

        var g = new ObservabilityGrants();
        while (NextProperty(ref r))
        {
            if (r.ValueTextEquals(ClaimNames.Utf8.Write)) { g.Write = ReadBool(ref r, "observability.write") ?? false; }
            else { r.Read(); r.Skip(); }
        }

        return g;
    }

    private static RoomConfiguration? ReadRoomConfig(ref Utf8JsonReader r, ReadOnlySpan<byte> json)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.StartObject)
        {
            throw Malformed("The roomConfig claim is not a JSON object.");
        }

        // Protobuf JSON (either naming style); handed to Google.Protobuf as the raw object text.
        var start = (int)r.TokenStartIndex;
        r.Skip();
        var end = (int)r.BytesConsumed;
        return ProtoJson.Parse<RoomConfiguration>(Encoding.UTF8.GetString(json[start..end]));
    }

    private static Dictionary<string, string>? ReadAttributes(ref Utf8JsonReader r)
    {
        if (!StartObject(ref r, ClaimNames.Attributes))
        {
            return null;
        }

        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        while (NextProperty(ref r))
        {
            var key = r.GetString()!;
            map[key] = ReadString(ref r, "attributes." + key) ?? string.Empty;
        }

        return map;
    }

    private static List<TrackSource>? ReadSources(ref Utf8JsonReader r)
    {
        if (!StartArray(ref r, ClaimNames.CanPublishSources))
        {
            return null;
        }

        var sources = new List<TrackSource>(4);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw Malformed("The video.canPublishSources claim must be an array of strings.");
            }

            sources.Add(ClaimNames.TrackSources.ValueOf(r.GetString()!) ?? TrackSource.Unknown);
        }

        return sources;
    }

    private static List<ParticipantInfo.Types.KindDetail>? ReadKindDetails(ref Utf8JsonReader r)
    {
        if (!StartArray(ref r, ClaimNames.KindDetails))
        {
            return null;
        }

        var details = new List<ParticipantInfo.Types.KindDetail>(2);
        while (r.Read() && r.TokenType != JsonTokenType.EndArray)
        {
            if (r.TokenType != JsonTokenType.String)
            {
                throw Malformed("The kindDetails claim must be an array of strings.");
            }

            // Unknown details are dropped, as LiveKit does.
            if (ClaimNames.KindDetailNames.ValueOf(r.GetString()!) is { } detail)
            {
                details.Add(detail);
            }
        }

        return details;
    }

    /// <summary>Advances to the next property name of the current object; false at its end.</summary>
    private static bool NextProperty(ref Utf8JsonReader r)
    {
        if (!r.Read())
        {
            throw Malformed("The token payload ends early.");
        }

        return r.TokenType == JsonTokenType.PropertyName;
    }

    private static bool StartObject(ref Utf8JsonReader r, string claim)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw Malformed($"The {claim} claim must be a JSON object."),
        };
    }

    private static bool StartArray(ref Utf8JsonReader r, string claim)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.StartArray => true,
            JsonTokenType.Null => false,
            _ => throw Malformed($"The {claim} claim must be a JSON array."),
        };
    }

    private static string? ReadString(ref Utf8JsonReader r, string claim)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.String => r.GetString(),
            JsonTokenType.Null => null,
            _ => throw Malformed($"The {claim} claim must be a string."),
        };
    }

    private static bool? ReadBool(ref Utf8JsonReader r, string claim)
    {
        r.Read();
        return r.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Malformed($"The {claim} claim must be true or false."),
        };
    }

    /// <summary>An RFC 7519 §2 NumericDate: seconds since the epoch, possibly fractional (truncated).</summary>
    private static long? ReadNumericDate(ref Utf8JsonReader r, string claim)
    {
        r.Read();
        if (r.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (r.TokenType != JsonTokenType.Number)
        {
            throw Malformed($"The {claim} claim must be a number of seconds.");
        }

        // Bounded to what DateTimeOffset can represent (years 1-9999).
        const long Min = -62_135_596_800, Max = 253_402_300_799;
        var seconds = r.TryGetInt64(out var whole) ? whole : (long)Math.Clamp(Math.Floor(r.GetDouble()), Min, Max);
        return Math.Clamp(seconds, Min, Max);
    }

    private static TokenValidationException Malformed(string message) => new(TokenValidationError.Malformed, message);
}
