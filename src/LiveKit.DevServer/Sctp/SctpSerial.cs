namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Serial number arithmetic (RFC 1982) for 32-bit TSNs (RFC 4960 §1.6) and 16-bit stream sequence numbers.
/// Valid while compared values are less than half the number space apart, which bounded windows guarantee.
/// </summary>
internal static class SctpSerial
{
    public static bool IsBefore(uint a, uint b) => (int)(a - b) < 0;

    public static bool IsBeforeOrEqual(uint a, uint b) => (int)(a - b) <= 0;

    public static bool IsAfter(uint a, uint b) => (int)(a - b) > 0;

    public static bool IsBefore(ushort a, ushort b) => (short)(a - b) < 0;

    public static bool IsBeforeOrEqual(ushort a, ushort b) => (short)(a - b) <= 0;

    /// <summary>Orders TSNs within a window, for sorted collections.</summary>
    public static IComparer<uint> TsnComparer { get; } = Comparer<uint>.Create(static (a, b) => ((int)(a - b)).CompareTo(0));
}
