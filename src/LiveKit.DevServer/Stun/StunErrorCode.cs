using System.Text;

namespace LiveKit.DevServer.Stun;

/// <summary>ERROR-CODE values used by an ICE-lite agent (RFC 5389 §15.6, RFC 8445 §7.3.1.1) and their encoding.</summary>
internal static class StunErrorCode
{
    public const int BadRequest = 400;
    public const int Unauthorized = 401;
    public const int UnknownAttribute = 420;
    public const int RoleConflict = 487;

    /// <summary>The reason phrases suggested by RFC 5389 §15.6 and RFC 8445 §7.3.1.1.</summary>
    public static string DefaultReason(int code) => code switch
    {
        BadRequest => "Bad Request",
        Unauthorized => "Unauthorized",
        UnknownAttribute => "Unknown Attribute",
        RoleConflict => "Role Conflict",
        _ => "Error",
    };

    /// <summary>Writes class (hundreds) and number (0-99) after two reserved bytes, then the UTF-8 reason.</summary>
    public static int Encode(int code, string reason, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(code, 300);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(code, 699);
        destination[0] = 0;
        destination[1] = 0;
        destination[2] = (byte)(code / 100);
        destination[3] = (byte)(code % 100);
        return 4 + Encoding.UTF8.GetBytes(reason, destination[4..]);
    }

    public static bool TryDecode(ReadOnlySpan<byte> value, out int code, out string reason)
    {
        code = 0;
        reason = string.Empty;
        if (value.Length < 4 || (value[2] & 0x07) < 3 || value[3] > 99)
        {
            return false;
        }

        code = ((value[2] & 0x07) * 100) + value[3];
        reason = Encoding.UTF8.GetString(value[4..]);
        return true;
    }
}
