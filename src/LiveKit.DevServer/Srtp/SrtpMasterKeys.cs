namespace LiveKit.DevServer.Srtp;

/// <summary>One direction's master key and master salt.</summary>
internal sealed record SrtpMasterKeys(byte[] Key, byte[] Salt)
{
    /// <summary>
    /// Splits the DTLS-SRTP exporter output (label "EXTRACTOR-dtls_srtp") as RFC 5764 §4.2 lays it out:
    /// client_write_key | server_write_key | client_write_salt | server_write_salt.
    /// </summary>
    public static (SrtpMasterKeys Client, SrtpMasterKeys Server) FromDtlsKeyingMaterial(SrtpProtectionProfile profile, ReadOnlySpan<byte> material)
    {
        int key = profile.KeyLength();
        int salt = profile.SaltLength();
        if (material.Length != profile.KeyingMaterialLength())
        {
            throw new ArgumentException($"{profile} needs {profile.KeyingMaterialLength()} bytes of keying material, got {material.Length}.", nameof(material));
        }

        var client = new SrtpMasterKeys(material[..key].ToArray(), material.Slice(2 * key, salt).ToArray());
        var server = new SrtpMasterKeys(material.Slice(key, key).ToArray(), material.Slice((2 * key) + salt, salt).ToArray());
        return (client, server);
    }
}
