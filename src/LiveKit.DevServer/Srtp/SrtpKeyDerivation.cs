namespace LiveKit.DevServer.Srtp;

/// <summary>
/// The AES-CM pseudo-random function of RFC 3711 §4.3.1 and §4.3.3 with key_derivation_rate 0 (as DTLS-SRTP uses):
/// x = key_id XOR master_salt, key_id = label || 48 zero bits, and the output is the AES-CM keystream under the
/// master key with IV = x * 2^16. GCM profiles use the same PRF with their 96-bit salt (RFC 7714 §11), which is
/// left-aligned in the 112-bit field and padded with zeros.
/// </summary>
internal static class SrtpKeyDerivation
{
    public const byte LabelRtpEncryption = 0x00;
    public const byte LabelRtpAuthentication = 0x01;
    public const byte LabelRtpSalt = 0x02;
    public const byte LabelRtcpEncryption = 0x03;
    public const byte LabelRtcpAuthentication = 0x04;
    public const byte LabelRtcpSalt = 0x05;

    public static void Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, Span<byte> output)
    {
        if (masterSalt.Length > 14)
        {
            throw new ArgumentException("A master salt is at most 112 bits.", nameof(masterSalt));
        }

        Span<byte> iv = stackalloc byte[16];
        masterSalt.CopyTo(iv);

        // key_id occupies the low 56 bits of the 112-bit x: its label byte lands on byte 7 (RFC 3711 §4.3.1).
        iv[7] ^= label;
        output.Clear();
        using var prf = new AesCounterMode(masterKey);
        prf.Transform(iv, output);
    }
}
