using System.Buffers;
using System.Security.Cryptography;

namespace LiveKit.DevServer.Ice;

/// <summary>
/// An ICE username fragment and password (RFC 8445 §5.3): at least 24 random bits of ufrag and 128 of password,
/// drawn from ice-char = ALPHA / DIGIT / "+" / "/" (RFC 8839 §5.4).
/// </summary>
internal sealed record IceCredentials(string Ufrag, string Password)
{
    private const string IceChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private static readonly SearchValues<char> IceCharValues = SearchValues.Create(IceChars);

    /// <summary>16 characters: 96 random bits, well above the 24 required.</summary>
    public const int UfragLength = 16;

    /// <summary>32 characters: 192 random bits, well above the 128 required.</summary>
    public const int PasswordLength = 32;

    public static IceCredentials Generate()
        => new(RandomNumberGenerator.GetString(IceChars, UfragLength), RandomNumberGenerator.GetString(IceChars, PasswordLength));

    /// <summary>True when <paramref name="value"/> has 4-256 ice-chars (RFC 8839 §5.4); used to check a peer's SDP.</summary>
    public static bool IsValidUfrag(string? value) => IsIceString(value, 4, 256);

    /// <summary>True when <paramref name="value"/> has 22-256 ice-chars (RFC 8839 §5.4).</summary>
    public static bool IsValidPassword(string? value) => IsIceString(value, 22, 256);

    private static bool IsIceString(string? value, int min, int max)
        => value is not null && value.Length >= min && value.Length <= max && value.AsSpan().IndexOfAnyExcept(IceCharValues) < 0;
}
