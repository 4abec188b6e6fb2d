namespace LiveKit.DevServer.Ice;

/// <summary>
/// The USERNAME of a connectivity check is "receiver-ufrag:sender-ufrag" (RFC 8445 §7.2.2): for a request we
/// receive, the part before the colon is our own ufrag.
/// </summary>
internal static class IceUsername
{
    public static bool TrySplit(ReadOnlySpan<byte> username, out ReadOnlySpan<byte> local, out ReadOnlySpan<byte> remote)
    {
        int colon = username.IndexOf((byte)':');
        if (colon <= 0 || colon == username.Length - 1)
        {
            local = default;
            remote = default;
            return false;
        }

        local = username[..colon];
        remote = username[(colon + 1)..];
        return true;
    }
}
