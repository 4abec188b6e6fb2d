using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// A certificate fingerprint as carried by SDP <c>a=fingerprint</c> (RFC 8122 §5): a hash function name and the
/// hash of the DER certificate, written as upper-case hex pairs separated by colons.
/// </summary>
/// <remarks>WebRTC endpoints must offer sha-256 (RFC 8827 §6.5); sha-384 and sha-512 are accepted too.
/// sha-1 and md5 are refused as too weak for authenticating the DTLS peer.</remarks>
internal sealed class CertificateFingerprint : IEquatable<CertificateFingerprint>
{
    private readonly byte[] _hash;

    private CertificateFingerprint(string algorithm, byte[] hash)
    {
        Algorithm = algorithm;
        _hash = hash;
    }

    /// <summary>Lower-case hash function name as in the SDP hash-func token, for example <c>sha-256</c>.</summary>
    public string Algorithm { get; }

    public ReadOnlySpan<byte> Hash => _hash;

    /// <summary>Hashes a DER-encoded certificate with the named function.</summary>
    public static CertificateFingerprint Compute(string algorithm, ReadOnlySpan<byte> derCertificate)
    {
        string normalized = algorithm.ToLowerInvariant();
        byte[] hash = HashCertificate(normalized, derCertificate)
            ?? throw new ArgumentException($"Unsupported fingerprint hash function '{algorithm}'.", nameof(algorithm));
        return new CertificateFingerprint(normalized, hash);
    }

    /// <summary>Parses the value of an <c>a=fingerprint:</c> attribute, e.g. <c>sha-256 AB:CD:…</c>.</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out CertificateFingerprint? fingerprint)
    {
        fingerprint = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        string[] parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            return false;
        }

        string algorithm = parts[0].ToLowerInvariant();
        int expectedLength = HashLength(algorithm);
        string hex = parts[1];
        // Each byte is two hex digits, separated by single colons: 3n - 1 characters.
        if (expectedLength == 0 || hex.Length != (3 * expectedLength) - 1)
        {
            return false;
        }

        byte[] hash = new byte[expectedLength];
        for (int i = 0; i < expectedLength; i++)
        {
            int at = 3 * i;
            if ((i > 0 && hex[at - 1] != ':')
                || !byte.TryParse(hex.AsSpan(at, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out hash[i]))
            {
                return false;
            }
        }

        fingerprint = new CertificateFingerprint(algorithm, hash);
        return true;
    }

    /// <summary>True when <paramref name="derCertificate"/> hashes to this fingerprint (constant time in the hash).</summary>
    public bool Matches(ReadOnlySpan<byte> derCertificate)
    {
        byte[]? actual = HashCertificate(Algorithm, derCertificate);
        return actual is not null && CryptographicOperations.FixedTimeEquals(actual, _hash);
    }

    /// <summary>The SDP form: <c>sha-256 AB:CD:…</c>.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder(Algorithm.Length + 1 + (3 * _hash.Length));
        builder.Append(Algorithm).Append(' ');
        for (int i = 0; i < _hash.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(':');
            }

            builder.Append(_hash[i].ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    public bool Equals(CertificateFingerprint? other) =>
        other is not null && Algorithm == other.Algorithm && _hash.AsSpan().SequenceEqual(other._hash);

    public override bool Equals(object? obj) => Equals(obj as CertificateFingerprint);

    public override int GetHashCode() => HashCode.Combine(Algorithm, BitConverter.ToInt32(_hash, 0));

    private static int HashLength(string algorithm) => algorithm switch
    {
        "sha-256" => SHA256.HashSizeInBytes,
        "sha-384" => SHA384.HashSizeInBytes,
        "sha-512" => SHA512.HashSizeInBytes,
        _ => 0,
    };

    private static byte[]? HashCertificate(string algorithm, ReadOnlySpan<byte> der) => algorithm switch
    {
        "sha-256" => SHA256.HashData(der),
        "sha-384" => SHA384.HashData(der),
        "sha-512" => SHA512.HashData(der),
        _ => null,
    };
}
