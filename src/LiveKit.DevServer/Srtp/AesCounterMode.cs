using System.Security.Cryptography;

namespace LiveKit.DevServer.Srtp;

/// <summary>
/// AES in counter mode as SRTP defines it (RFC 3711 §4.1.1): keystream block j is AES_k(IV + j), where the low
/// 16 bits of the IV are zero, so j simply fills the last two bytes. One instance per session key; not thread-safe.
/// </summary>
/// <remarks>
/// Uses an ECB <see cref="ICryptoTransform"/> over instance-owned arrays: unlike <c>Aes.EncryptEcb</c> on spans,
/// it allocates nothing per call. The arrays grow to the largest packet seen (an MTU in practice).
/// </remarks>
internal sealed class AesCounterMode : IDisposable
{
    private const int BlockSize = 16;
    private readonly Aes _aes;
    private readonly ICryptoTransform _ecb;
    private byte[] _counters = new byte[1536];
    private byte[] _keystream = new byte[1536];

    public AesCounterMode(ReadOnlySpan<byte> key)
    {
        _aes = Aes.Create();
        _aes.Key = key.ToArray();
        _aes.Mode = CipherMode.ECB;
        _aes.Padding = PaddingMode.None;
        _ecb = _aes.CreateEncryptor();
    }

    /// <summary>XORs the keystream starting at <paramref name="iv"/> (16 bytes, low 16 bits zero) into <paramref name="data"/>.</summary>
    public void Transform(ReadOnlySpan<byte> iv, Span<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        int blocks = (data.Length + BlockSize - 1) / BlockSize;
        int bytes = blocks * BlockSize;
        if (_counters.Length < bytes)
        {
            _counters = new byte[bytes];
            _keystream = new byte[bytes];
        }

        var counters = _counters.AsSpan(0, bytes);
        for (int j = 0; j < blocks; j++)
        {
            var block = counters.Slice(j * BlockSize, BlockSize);
            iv[..BlockSize].CopyTo(block);
            block[14] = (byte)(j >> 8);
            block[15] = (byte)j;
        }

        _ecb.TransformBlock(_counters, 0, bytes, _keystream, 0);
        SrtpXor.Apply(data, _keystream.AsSpan(0, data.Length));
    }

    public void Dispose()
    {
        _ecb.Dispose();
        _aes.Dispose();
    }
}
