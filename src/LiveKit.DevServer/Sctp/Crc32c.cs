using System.Buffers.Binary;
using System.Numerics;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// CRC32c (Castagnoli, reflected polynomial 0x82F63B78) as SCTP uses it (RFC 4960 §6.8 and Appendix B; RFC 3309).
/// <see cref="BitOperations.Crc32C(uint, ulong)"/> uses the SSE4.2/ARM instruction where present.
/// </summary>
internal static class Crc32c
{
    /// <summary>The standard CRC: initial value all ones, final bit inversion. "123456789" gives 0xE3069283.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(uint.MaxValue, data);

    /// <summary>Feeds bytes into a running (non-inverted) CRC register.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }

        foreach (byte b in data)
        {
            crc = BitOperations.Crc32C(crc, b);
        }

        return crc;
    }
}
