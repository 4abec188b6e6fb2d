namespace LiveKit.DevServer.Dtls;

/// <summary>
/// SRTP master keys and salts derived from a DTLS handshake, in a role-agnostic shape: <see cref="LocalMasterKey"/>
/// protects what we send, <see cref="RemoteMasterKey"/> unprotects what we receive, whichever DTLS role we had.
/// </summary>
/// <remarks>Holds secrets: never log or serialise it.</remarks>
internal sealed class SrtpKeyingMaterial
{
    private SrtpKeyingMaterial(SrtpProfile profile, DtlsRole localRole, byte[] clientKey, byte[] serverKey,
        byte[] clientSalt, byte[] serverSalt)
    {
        Profile = profile;
        LocalRole = localRole;
        ClientWriteKey = clientKey;
        ServerWriteKey = serverKey;
        ClientWriteSalt = clientSalt;
        ServerWriteSalt = serverSalt;
    }

    public SrtpProfile Profile { get; }

    public DtlsRole LocalRole { get; }

    public ReadOnlyMemory<byte> ClientWriteKey { get; }

    public ReadOnlyMemory<byte> ServerWriteKey { get; }

    public ReadOnlyMemory<byte> ClientWriteSalt { get; }

    public ReadOnlyMemory<byte> ServerWriteSalt { get; }

    /// <summary>Master key for SRTP/SRTCP we send.</summary>
    public ReadOnlyMemory<byte> LocalMasterKey => LocalRole == DtlsRole.Client ? ClientWriteKey : ServerWriteKey;

    /// <summary>Master salt for SRTP/SRTCP we send.</summary>
    public ReadOnlyMemory<byte> LocalMasterSalt => LocalRole == DtlsRole.Client ? ClientWriteSalt : ServerWriteSalt;

    /// <summary>Master key for SRTP/SRTCP we receive.</summary>
    public ReadOnlyMemory<byte> RemoteMasterKey => LocalRole == DtlsRole.Client ? ServerWriteKey : ClientWriteKey;

    /// <summary>Master salt for SRTP/SRTCP we receive.</summary>
    public ReadOnlyMemory<byte> RemoteMasterSalt => LocalRole == DtlsRole.Client ? ServerWriteSalt : ClientWriteSalt;

    /// <summary>
    /// Splits the exporter output per RFC 5764 §4.2: client_write_SRTP_master_key, server_write_SRTP_master_key,
    /// client_write_SRTP_master_salt, server_write_SRTP_master_salt, in that order.
    /// </summary>
    public static SrtpKeyingMaterial FromExporterOutput(SrtpProfile profile, DtlsRole localRole,
        ReadOnlySpan<byte> material)
    {
        int keyLength = profile.MasterKeyLength();
        int saltLength = profile.MasterSaltLength();
        if (material.Length != profile.KeyingMaterialLength())
        {
            throw new ArgumentException(
                $"SRTP profile {profile} needs {profile.KeyingMaterialLength()} bytes of keying material, got {material.Length}.",
                nameof(material));
        }

        return new SrtpKeyingMaterial(profile, localRole,
            clientKey: material[..keyLength].ToArray(),
            serverKey: material.Slice(keyLength, keyLength).ToArray(),
            clientSalt: material.Slice(2 * keyLength, saltLength).ToArray(),
            serverSalt: material.Slice((2 * keyLength) + saltLength, saltLength).ToArray());
    }
}
