namespace LiveKit.DevServer.Stun;

/// <summary>
/// CRC-32 as used by FINGERPRINT (RFC 5389 §15.5 points to ISO/IEC 13239 / ITU-T V.42: reflected polynomial
/// 0xEDB88320, initial value and final XOR 0xFFFFFFFF), the same CRC as zlib and Ethernet.
/// </summary>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        uint crc = 0xFFFFFFFF;
        var table = Table;
        foreach (byte b in data)
        {
            crc = table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFF;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            uint c = i;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            table[i] = c;
        }

        return table;
    }
}
