namespace LiveKit.DevServer.Srtp;

/// <summary>The six session keys of one direction (RFC 3711 §4.3): encryption, authentication and salt, for SRTP and SRTCP.</summary>
internal sealed record SrtpSessionKeys(
    byte[] RtpKey,
    byte[] RtpAuthKey,
    byte[] RtpSalt,
    byte[] RtcpKey,
    byte[] RtcpAuthKey,
    byte[] RtcpSalt)
{
    public static SrtpSessionKeys Derive(SrtpProtectionProfile profile, SrtpMasterKeys master)
    {
        ArgumentNullException.ThrowIfNull(master);
        if (master.Key.Length != profile.KeyLength() || master.Salt.Length != profile.SaltLength())
        {
            throw new ArgumentException($"{profile} takes a {profile.KeyLength()}-byte key and a {profile.SaltLength()}-byte salt.", nameof(master));
        }

        return new SrtpSessionKeys(
            Make(master, SrtpKeyDerivation.LabelRtpEncryption, profile.KeyLength()),
            Make(master, SrtpKeyDerivation.LabelRtpAuthentication, profile.AuthKeyLength()),
            Make(master, SrtpKeyDerivation.LabelRtpSalt, profile.SaltLength()),
            Make(master, SrtpKeyDerivation.LabelRtcpEncryption, profile.KeyLength()),
            Make(master, SrtpKeyDerivation.LabelRtcpAuthentication, profile.AuthKeyLength()),
            Make(master, SrtpKeyDerivation.LabelRtcpSalt, profile.SaltLength()));
    }

    private static byte[] Make(SrtpMasterKeys master, byte label, int length)
    {
        var key = new byte[length];
        if (length > 0)
        {
            SrtpKeyDerivation.Derive(master.Key, master.Salt, label, key);
        }

        return key;
    }
}
