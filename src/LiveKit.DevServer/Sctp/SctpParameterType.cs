namespace LiveKit.DevServer.Sctp;

/// <summary>Parameter types used in INIT/INIT-ACK, HEARTBEAT and RE-CONFIG chunks.</summary>
internal static class SctpParameterType
{
    /// <summary>RFC 4960 §3.3.5: Heartbeat Info, echoed verbatim in the HEARTBEAT ACK.</summary>
    public const ushort HeartbeatInfo = 1;

    /// <summary>RFC 4960 §3.3.3.1: State Cookie in INIT ACK.</summary>
    public const ushort StateCookie = 7;

    /// <summary>RFC 4960 §3.3.3.1: Unrecognized Parameter, reported in INIT ACK.</summary>
    public const ushort UnrecognizedParameter = 8;

    /// <summary>RFC 6525 §4.1: Outgoing SSN Reset Request.</summary>
    public const ushort OutgoingSsnResetRequest = 13;

    /// <summary>RFC 6525 §4.2: Incoming SSN Reset Request.</summary>
    public const ushort IncomingSsnResetRequest = 14;

    /// <summary>RFC 6525 §4.4: Re-configuration Response.</summary>
    public const ushort ReconfigResponse = 16;

    /// <summary>RFC 5061 §4.2.7: Supported Extensions (list of chunk types).</summary>
    public const ushort SupportedExtensions = 0x8008;

    /// <summary>RFC 3758 §3.1: Forward-TSN-Supported.</summary>
    public const ushort ForwardTsnSupported = 0xC000;
}
