using System.Collections.Frozen;
using Google.Protobuf.Reflection;
using LiveKit.Proto;

namespace LiveKit.Api;

/// <summary>
/// JSON names of LiveKit's token claims and the lower-case spellings LiveKit uses for enum values in
/// claims (<c>canPublishSources</c>, <c>kind</c>, <c>kindDetails</c>): the proto enum name, lower-cased.
/// </summary>
internal static class ClaimNames
{
    public const string Issuer = "iss";
    public const string Subject = "sub";
    public const string JwtId = "jti";
    public const string ExpiresAt = "exp";
    public const string NotBefore = "nbf";
    public const string IssuedAt = "iat";
    public const string Name = "name";
    public const string Metadata = "metadata";
    public const string Attributes = "attributes";
    public const string Kind = "kind";
    public const string KindDetails = "kindDetails";
    public const string Video = "video";
    public const string Sip = "sip";
    public const string Agent = "agent";
    public const string Inference = "inference";
    public const string Observability = "observability";
    public const string RoomConfig = "roomConfig";
    public const string RoomPreset = "roomPreset";
    public const string Sha256 = "sha256";

    // video
    public const string RoomCreate = "roomCreate";
    public const string RoomList = "roomList";
    public const string RoomRecord = "roomRecord";
    public const string RoomAdmin = "roomAdmin";
    public const string RoomJoin = "roomJoin";
    public const string Room = "room";
    public const string CanPublish = "canPublish";
    public const string CanSubscribe = "canSubscribe";
    public const string CanPublishData = "canPublishData";
    public const string CanPublishSources = "canPublishSources";
    public const string CanUpdateOwnMetadata = "canUpdateOwnMetadata";
    public const string IngressAdmin = "ingressAdmin";
    public const string Hidden = "hidden";
    public const string Recorder = "recorder";
    public const string VideoAgent = "agent";
    public const string CanSubscribeMetrics = "canSubscribeMetrics";
    public const string CanManageAgentSession = "canManageAgentSession";
    public const string DestinationRoom = "destinationRoom";

    // sip, agent, inference, observability
    public const string Admin = "admin";
    public const string Call = "call";
    public const string SimulationAdmin = "simulationAdmin";
    public const string DatabaseAdmin = "databaseAdmin";
    public const string Perform = "perform";
    public const string Write = "write";


    /// <summary>The same names as UTF-8, for comparing against JSON property names without transcoding.</summary>
    internal static class Utf8
    {
        public static ReadOnlySpan<byte> Issuer => "iss"u8;

        public static ReadOnlySpan<byte> Subject => "sub"u8;

        public static ReadOnlySpan<byte> JwtId => "jti"u8;

        public static ReadOnlySpan<byte> ExpiresAt => "exp"u8;

        public static ReadOnlySpan<byte> NotBefore => "nbf"u8;

        public static ReadOnlySpan<byte> IssuedAt => "iat"u8;

        public static ReadOnlySpan<byte> Name => "name"u8;

        public static ReadOnlySpan<byte> Metadata => "metadata"u8;

        public static ReadOnlySpan<byte> Attributes => "attributes"u8;

        public static ReadOnlySpan<byte> Kind => "kind"u8;

        public static ReadOnlySpan<byte> KindDetails => "kindDetails"u8;

        public static ReadOnlySpan<byte> Video => "video"u8;

        public static ReadOnlySpan<byte> Sip => "sip"u8;

        public static ReadOnlySpan<byte> Agent => "agent"u8;

        public static ReadOnlySpan<byte> Inference => "inference"u8;

        public static ReadOnlySpan<byte> Observability => "observability"u8;

        public static ReadOnlySpan<byte> RoomConfig => "roomConfig"u8;

        public static ReadOnlySpan<byte> RoomPreset => "roomPreset"u8;

        public static ReadOnlySpan<byte> Sha256 => "sha256"u8;

        public static ReadOnlySpan<byte> RoomCreate => "roomCreate"u8;

        public static ReadOnlySpan<byte> RoomList => "roomList"u8;

        public static ReadOnlySpan<byte> RoomRecord => "roomRecord"u8;

        public static ReadOnlySpan<byte> RoomAdmin => "roomAdmin"u8;

        public static ReadOnlySpan<byte> RoomJoin => "roomJoin"u8;

        public static ReadOnlySpan<byte> Room => "room"u8;

        public static ReadOnlySpan<byte> CanPublish => "canPublish"u8;

        public static ReadOnlySpan<byte> CanSubscribe => "canSubscribe"u8;

        public static ReadOnlySpan<byte> CanPublishData => "canPublishData"u8;

        public static ReadOnlySpan<byte> CanPublishSources => "canPublishSources"u8;

        public static ReadOnlySpan<byte> CanUpdateOwnMetadata => "canUpdateOwnMetadata"u8;

        public static ReadOnlySpan<byte> IngressAdmin => "ingressAdmin"u8;

        public static ReadOnlySpan<byte> Hidden => "hidden"u8;

        public static ReadOnlySpan<byte> Recorder => "recorder"u8;

        public static ReadOnlySpan<byte> VideoAgent => "agent"u8;

        public static ReadOnlySpan<byte> CanSubscribeMetrics => "canSubscribeMetrics"u8;

        public static ReadOnlySpan<byte> CanManageAgentSession => "canManageAgentSession"u8;

        public static ReadOnlySpan<byte> DestinationRoom => "destinationRoom"u8;

        public static ReadOnlySpan<byte> Admin => "admin"u8;

        public static ReadOnlySpan<byte> Call => "call"u8;

        public static ReadOnlySpan<byte> SimulationAdmin => "simulationAdmin"u8;

        public static ReadOnlySpan<byte> DatabaseAdmin => "databaseAdmin"u8;

        public static ReadOnlySpan<byte> Perform => "perform"u8;

        public static ReadOnlySpan<byte> Write => "write"u8;
    }

    public static readonly EnumNames<TrackSource> TrackSources = new(TrackSource.Unknown, LivekitModelsReflection.Descriptor.FindTypeByName<EnumDescriptor>("TrackSource"));
    public static readonly EnumNames<ParticipantInfo.Types.Kind> Kinds = new(ParticipantInfo.Types.Kind.Standard, ParticipantInfo.Descriptor.EnumTypes.Single(e => e.Name == "Kind"));
    public static readonly EnumNames<ParticipantInfo.Types.KindDetail> KindDetailNames = new(null, ParticipantInfo.Descriptor.EnumTypes.Single(e => e.Name == "KindDetail"));

    /// <summary>Two-way map between an enum's values and their lower-case proto names.</summary>
    internal sealed class EnumNames<T>
        where T : struct, Enum
    {
        private readonly FrozenDictionary<int, string> _names;
        private readonly FrozenDictionary<string, int> _values;
        private readonly T? _fallback;

        public EnumNames(T? fallback, EnumDescriptor descriptor)
        {
            _fallback = fallback;
            _names = descriptor.Values.ToFrozenDictionary(v => v.Number, v => v.Name.ToLowerInvariant());
            _values = descriptor.Values.ToFrozenDictionary(v => v.Name.ToLowerInvariant(), v => v.Number, StringComparer.OrdinalIgnoreCase);
        }

        public string NameOf(T value)
        {
            var number = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
            return _names.TryGetValue(number, out var name)
                ? name
                : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(T).Name} {number} has no LiveKit claim name");
        }

        /// <summary>The value named <paramref name="name"/>; unknown names map to the fallback (LiveKit's behaviour), or null without one.</summary>
        public T? ValueOf(string name) =>
            _values.TryGetValue(name, out var number) ? (T)Enum.ToObject(typeof(T), number) : _fallback;
    }
}
