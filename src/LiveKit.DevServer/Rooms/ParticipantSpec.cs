using LiveKit.Proto;

namespace LiveKit.DevServer.Rooms;

/// <summary>Who is joining and with what rights: built by the signalling layer from a verified token and the join parameters.</summary>
internal sealed record ParticipantSpec
{
    public required string Identity { get; init; }

    public string Name { get; init; } = string.Empty;

    public string Metadata { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public ParticipantInfo.Types.Kind Kind { get; init; } = ParticipantInfo.Types.Kind.Standard;

    public IReadOnlyList<ParticipantInfo.Types.KindDetail> KindDetails { get; init; } = [];

    public required ParticipantPermission Permission { get; init; }

    /// <summary>The client's description of itself (sdk, version, protocol, capabilities).</summary>
    public ClientInfo Client { get; init; } = new();

    /// <summary>Subscribe to every published track automatically (<c>auto_subscribe</c>, default true).</summary>
    public bool AutoSubscribe { get; init; } = true;
}
