namespace LiveKit.Api;

/// <summary>Media types of Twirp bodies.</summary>
public static class TwirpContentTypes
{
    /// <summary>Binary protobuf requests and responses.</summary>
    public const string Protobuf = "application/protobuf";

    /// <summary>Protobuf JSON requests and responses, and every Twirp error body. LiveKit's Node SDK compares this exactly.</summary>
    public const string Json = "application/json";
}
