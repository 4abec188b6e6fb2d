namespace LiveKit.DevServer.Sdp;

/// <summary>The peer's ICE credentials and DTLS identity from its description (RFC 8839 §5.4, RFC 8842 §5).</summary>
internal sealed record SdpRemoteTransport(string IceUfrag, string IcePassword, string Fingerprint, SdpSetupRole Setup)
{
    /// <summary>
    /// Reads the transport parameters of the BUNDLE's first accepted section (RFC 8843 §7.1), falling back to the
    /// session level. <paramref name="error"/> names what is missing.
    /// </summary>
    public static bool TryRead(SessionDescription description, out SdpRemoteTransport? remote, out string? error)
    {
        ArgumentNullException.ThrowIfNull(description);
        remote = null;
        var media = description.Media.Find(m => !m.IsRejected);
        if (media is null)
        {
            error = "The description has no accepted m= section.";
            return false;
        }

        string? ufrag = description.GetTransportValue(media, SdpNames.IceUfrag);
        string? pwd = description.GetTransportValue(media, SdpNames.IcePwd);
        string? fingerprint = description.GetTransportValue(media, SdpNames.Fingerprint);
        string? setup = description.GetTransportValue(media, SdpNames.Setup);
        if (string.IsNullOrEmpty(ufrag) || string.IsNullOrEmpty(pwd))
        {
            error = "The description has no a=ice-ufrag / a=ice-pwd.";
            return false;
        }

        if (string.IsNullOrEmpty(fingerprint))
        {
            error = "The description has no a=fingerprint.";
            return false;
        }

        if (!SdpNames.TryParseSetup(setup ?? "actpass", out var role))
        {
            error = $"Unknown a=setup value '{setup}'.";
            return false;
        }

        remote = new SdpRemoteTransport(ufrag, pwd, fingerprint, role);
        error = null;
        return true;
    }
}
