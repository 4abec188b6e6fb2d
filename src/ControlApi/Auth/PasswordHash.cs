using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// PBKDF2-HMAC-SHA256 password hashes in the form <c>pbkdf2-sha256$iterations$salt$hash</c> (standard base64).
/// The iteration count travels with the hash so it can be raised without invalidating old ones.
/// </summary>
internal static class PasswordHash
{
    public const string Scheme = "pbkdf2-sha256";

    /// <summary>OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.</summary>
    public const int DefaultIterations = 600_000;

    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    public static string Create(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="encoded"/> is a hash this class can verify; <paramref name="error"/> says what is wrong.</summary>
    public static bool IsWellFormed(string? encoded, out string? error)
    {
        error = TryParse(encoded, out _, out _, out _) ? null
            : $"is not a '{Scheme}$<iterations>$<salt>$<hash>' password hash (create one with: ControlApi hash-password)";
        return error is null;
    }

    public static bool Verify(string password, string encoded)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (!TryParse(encoded, out var iterations, out var salt, out var expected))
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static bool TryParse(string? encoded, out int iterations, out byte[] salt, out byte[] hash)
    {
        iterations = 0;
        salt = [];
        hash = [];
        var parts = encoded?.Split('$');
        if (parts is not [Scheme, var count, var saltText, var hashText]
            || !int.TryParse(count, NumberStyles.None, CultureInfo.InvariantCulture, out iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            salt = Convert.FromBase64String(saltText);
            hash = Convert.FromBase64String(hashText);
        }
        catch (FormatException)
        {
            return false;
        }

        return salt.Length >= 8 && hash.Length >= 16;
    }
}
