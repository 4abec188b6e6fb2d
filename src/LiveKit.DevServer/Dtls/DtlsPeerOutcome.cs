using Org.BouncyCastle.Tls;

namespace LiveKit.DevServer.Dtls;

/// <summary>
/// What the BouncyCastle peer callbacks learn during a handshake, shared by <see cref="DtlsServerPeer"/> and
/// <see cref="DtlsClientPeer"/>: the agreed SRTP profile, the exported keys, the verified peer fingerprint, alerts.
/// </summary>
/// <remarks>Written on the DTLS worker thread; read by <see cref="DtlsConnection"/> after Accept/Connect returns
/// (happens-before through the worker) or after a failure.</remarks>
internal sealed class DtlsPeerOutcome
{
    private volatile bool _closeNotifyReceived;

    public DtlsPeerOutcome(DtlsRole role, CertificateFingerprint expectedRemoteFingerprint, DtlsOptions options)
    {
        Role = role;
        ExpectedRemoteFingerprint = expectedRemoteFingerprint;
        Options = options;
    }

    public DtlsRole Role { get; }

    public CertificateFingerprint ExpectedRemoteFingerprint { get; }

    public DtlsOptions Options { get; }

    public SrtpProfile? SelectedProfile { get; set; }

    public SrtpKeyingMaterial? Keys { get; private set; }

    public int CipherSuite { get; private set; }

    public bool RemoteVerified { get; private set; }

    /// <summary>Set when we reject the peer for a reason finer than a TLS alert can say.</summary>
    public DtlsHandshakeFailure? Failure { get; set; }

    public short? FatalAlertReceived { get; private set; }

    public bool CloseNotifyReceived => _closeNotifyReceived;

    /// <summary>RFC 5764 §4.1.1: the server picks one profile the client offered; we take our most preferred.</summary>
    public SrtpProfile? SelectProfile(int[]? offered)
    {
        if (offered is null)
        {
            return null;
        }

        foreach (SrtpProfile candidate in Options.SrtpProfiles)
        {
            if (Array.IndexOf(offered, (int)candidate) >= 0)
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// RFC 8827 §6.5 / RFC 8122 §5: the peer's end-entity certificate must hash to the fingerprint its SDP carried;
    /// an absent certificate is a failure too (WebRTC always authenticates both sides).
    /// </summary>
    public void VerifyPeerCertificate(Certificate? certificate)
    {
        if (certificate is null || certificate.IsEmpty)
        {
            Failure = DtlsHandshakeFailure.FingerprintMismatch;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The peer sent no certificate.");
        }

        byte[] der = certificate.GetCertificateAt(0).GetEncoded();
        if (!ExpectedRemoteFingerprint.Matches(der))
        {
            Failure = DtlsHandshakeFailure.FingerprintMismatch;
            throw new TlsFatalAlert(AlertDescription.bad_certificate,
                "The peer certificate does not match the SDP fingerprint.");
        }

        RemoteVerified = true;
    }

    /// <summary>
    /// Exports the SRTP keying material (RFC 5764 §4.2, label "EXTRACTOR-dtls_srtp", no context). Must run inside
    /// NotifyHandshakeComplete: BouncyCastle clears the master secret right after, and a later export throws.
    /// </summary>
    public void OnHandshakeComplete(TlsContext context)
    {
        CipherSuite = context.SecurityParameters.CipherSuite;
        if (SelectedProfile is SrtpProfile profile)
        {
            byte[] material = context.ExportKeyingMaterial(ExporterLabel.dtls_srtp, null, profile.KeyingMaterialLength());
            try
            {
                Keys = SrtpKeyingMaterial.FromExporterOutput(profile, Role, material);
            }
            finally
            {
                Array.Clear(material);
            }
        }
    }

    public void OnAlertReceived(short level, short description)
    {
        if (description == AlertDescription.close_notify)
        {
            _closeNotifyReceived = true;
        }
        else if (level == AlertLevel.fatal)
        {
            FatalAlertReceived = description;
        }
    }
}
