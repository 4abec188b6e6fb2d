using Proto = LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Conversion;

/// <summary>Proto enums to public enums. The public enums keep LiveKit's numeric values; unknown values map to a neutral member.</summary>
internal static class EnumConversions
{
    public static DisconnectReason ToPublic(this Proto.DisconnectReason reason)
        => Enum.IsDefined((DisconnectReason)(int)reason) ? (DisconnectReason)(int)reason : DisconnectReason.Unknown;

    public static Proto.DisconnectReason ToProto(this DisconnectReason reason) => (Proto.DisconnectReason)(int)reason;

    public static TrackKind ToPublic(this Proto.TrackKind kind) => kind switch
    {
        Proto.TrackKind.KindAudio => TrackKind.Audio,
        Proto.TrackKind.KindVideo => TrackKind.Video,
        _ => TrackKind.Unknown,
    };

    public static TrackSource ToPublic(this Proto.TrackSource source)
        => Enum.IsDefined((TrackSource)(int)source) ? (TrackSource)(int)source : TrackSource.Unknown;

    public static Proto.TrackSource ToProto(this TrackSource source) => (Proto.TrackSource)(int)source;

    public static ParticipantKind ToPublic(this Proto.ParticipantKind kind)
        => Enum.IsDefined((ParticipantKind)(int)kind) ? (ParticipantKind)(int)kind : ParticipantKind.Standard;

    public static ConnectionQuality ToPublic(this Proto.ConnectionQuality quality)
        => Enum.IsDefined((ConnectionQuality)(int)quality) ? (ConnectionQuality)(int)quality : ConnectionQuality.Poor;

    public static ConnectionState ToPublic(this Proto.ConnectionState state) => state switch
    {
        Proto.ConnectionState.ConnConnected => ConnectionState.Connected,
        Proto.ConnectionState.ConnReconnecting => ConnectionState.Reconnecting,
        _ => ConnectionState.Disconnected,
    };
}
