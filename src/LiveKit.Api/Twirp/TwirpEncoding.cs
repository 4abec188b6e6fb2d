namespace LiveKit.Api;

/// <summary>How Twirp requests and responses are encoded.</summary>
public enum TwirpEncoding
{
    /// <summary>Binary protobuf, <c>application/protobuf</c> (what LiveKit's Rust SDK sends).</summary>
    Protobuf,

    /// <summary>Protobuf JSON, <c>application/json</c> (what LiveKit's Node SDK sends).</summary>
    Json,
}
