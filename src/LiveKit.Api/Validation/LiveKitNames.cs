using System.Globalization;
using System.Text;

namespace LiveKit.Api;

/// <summary>
/// Checks room names, participant identities and display names before they reach a server, with a
/// specific message for each problem.
/// </summary>
/// <remarks>
/// LiveKit itself requires room names and identities to be non-empty and at most 256 bytes of UTF-8
/// (livekit-server's default <c>limit.max_room_name_length</c> / <c>max_participant_identity_length</c>),
/// and display names at most 256 bytes. We also reject control characters, unpaired surrogates (they
/// cannot be encoded as UTF-8, so they cannot survive a JWT or protobuf) and whitespace-only names,
/// which are always mistakes.
/// </remarks>
public static class LiveKitNames
{
    /// <summary>Longest room name LiveKit accepts, in UTF-8 bytes.</summary>
    public const int MaxRoomNameBytes = 256;

    /// <summary>Longest participant identity LiveKit accepts, in UTF-8 bytes.</summary>
    public const int MaxIdentityBytes = 256;

    /// <summary>Longest participant display name LiveKit accepts, in UTF-8 bytes.</summary>
    public const int MaxParticipantNameBytes = 256;

    /// <summary>Why <paramref name="name"/> is not a usable room name, or null when it is.</summary>
    public static string? GetRoomNameError(string? name) => GetError("Room name", name, MaxRoomNameBytes, required: true);

    /// <summary>Why <paramref name="identity"/> is not a usable participant identity, or null when it is.</summary>
    public static string? GetIdentityError(string? identity) => GetError("Participant identity", identity, MaxIdentityBytes, required: true);

    /// <summary>Why <paramref name="name"/> is not a usable display name, or null when it is (empty is allowed).</summary>
    public static string? GetParticipantNameError(string? name) => GetError("Participant name", name, MaxParticipantNameBytes, required: false);

    /// <summary>Throws when <paramref name="name"/> is not a usable room name.</summary>
    /// <exception cref="ArgumentException">The name is empty, too long, or has control characters or broken Unicode.</exception>
    public static void ValidateRoomName(string? name, string? paramName = null) => Throw(GetRoomNameError(name), paramName);

    /// <summary>Throws when <paramref name="identity"/> is not a usable participant identity.</summary>
    /// <exception cref="ArgumentException">The identity is empty, too long, or has control characters or broken Unicode.</exception>
    public static void ValidateIdentity(string? identity, string? paramName = null) => Throw(GetIdentityError(identity), paramName);

    /// <summary>Throws when <paramref name="name"/> is not a usable display name.</summary>
    /// <exception cref="ArgumentException">The name is too long, or has control characters or broken Unicode.</exception>
    public static void ValidateParticipantName(string? name, string? paramName = null) => Throw(GetParticipantNameError(name), paramName);

    private static void Throw(string? error, string? paramName)
    {
        if (error is not null)
        {
            throw new ArgumentException(error, paramName);
        }
    }

    private static string? GetError(string what, string? value, int maxBytes, bool required)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? $"{what} must not be empty." : null;
        }

        var allWhitespace = true;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                allWhitespace = false;
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"{what} has an unpaired surrogate (U+{(int)c:X4}) at index {i}; it is not valid Unicode.";
            }

            if (char.IsControl(c))
            {
                return $"{what} has a control character (U+{(int)c:X4}) at index {i}.";
            }

            allWhitespace &= char.IsWhiteSpace(c);
        }

        if (allWhitespace)
        {
            return $"{what} must not be only whitespace.";
        }

        var bytes = Encoding.UTF8.GetByteCount(value);
        return bytes > maxBytes
            ? string.Create(CultureInfo.InvariantCulture, $"{what} is {bytes} bytes long in UTF-8; LiveKit allows at most {maxBytes}.")
            : null;
    }
}
