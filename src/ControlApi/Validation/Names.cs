using System.Text.RegularExpressions;

namespace WarmTransfer.ControlApi.Validation;

/// <summary>
/// Room names and participant identities accepted anywhere in the API. Deliberately narrower than LiveKit's rules:
/// ASCII letters, digits and <c>-</c>/<c>_</c> (identities also <c>.</c> and <c>@</c>), starting with a letter or
/// digit, at most 64 characters, so names are safe in URLs, logs and file names.
/// </summary>
internal static partial class Names
{
    public const int MaxLength = 64;

    public const string RoomRule = "a room name is 1-64 characters: letters, digits, '-' and '_', starting with a letter or digit";

    public const string IdentityRule = "an identity is 1-64 characters: letters, digits, '-', '_', '.' and '@', starting with a letter or digit";

    public static bool IsValidRoom(string? value) => value is not null && RoomPattern().IsMatch(value);

    public static bool IsValidIdentity(string? value) => value is not null && IdentityPattern().IsMatch(value);

    /// <summary>Adds a validation error for <paramref name="field"/> unless <paramref name="value"/> is a valid room name.</summary>
    public static void CheckRoom(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = [$"'{field}' is required ({RoomRule})."];
        }
        else if (!IsValidRoom(value))
        {
            errors[field] = [$"'{field}' is not a valid room name: {RoomRule}."];
        }
    }

    /// <summary>Adds a validation error for <paramref name="field"/> unless <paramref name="value"/> is a valid identity.</summary>
    public static void CheckIdentity(string? value, string field, IDictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors[field] = [$"'{field}' is required ({IdentityRule})."];
        }
        else if (!IsValidIdentity(value))
        {
            errors[field] = [$"'{field}' is not a valid identity: {IdentityRule}."];
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex RoomPattern();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.@-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentityPattern();
}
