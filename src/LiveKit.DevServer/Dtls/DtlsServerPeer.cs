using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace LiveKit.DevServer.Dtls;

/// <summary>BouncyCastle server callbacks: DTLS 1.2 only, ECDSA certificate, mutual authentication by SDP
/// fingerprint, use_srtp (RFC 5764 §4.1), keying-material export.</summary>
internal sealed class DtlsServerPeer : DefaultTlsServer
{
    private readonly BcTlsCrypto _crypto;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsPeerOutcome _outcome;
    private readonly ILogger _logger;

    public DtlsServerPeer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsPeerOutcome outcome, ILogger logger)
        : base(crypto)
    {
        _crypto = crypto;
        _certificate = certificate;
        _outcome = outcome;
        _logger = logger;
    }

    /// <summary>RFC 6347 §4.1.2.7: records failing authentication are discarded silently, not fatal.</summary>
    public override bool IgnoreCorruptDtlsRecords => true;

    public override CertificateRequest GetCertificateRequest()
    {
        // The peer must present the certificate its SDP fingerprint names (RFC 8827 §6.5). BouncyCastle answers
        // internal_error(80) if the signature-algorithm list is null, so it is always given.
        IList<SignatureAndHashAlgorithm> algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return new CertificateRequest([ClientCertificateType.ecdsa_sign, ClientCertificateType.rsa_sign], algorithms, null);
    }

    public override void NotifyClientCertificate(Certificate clientCertificate) =>
        _outcome.VerifyPeerCertificate(clientCertificate);

    public override void ProcessClientExtensions(IDictionary<int, byte[]> clientExtensions)
    {
        base.ProcessClientExtensions(clientExtensions);
        UseSrtpData? offered = clientExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(clientExtensions);
        _outcome.SelectedProfile = _outcome.SelectProfile(offered?.ProtectionProfiles);
        if (_outcome.SelectedProfile is null && _outcome.Options.RequireSrtp)
        {
            _outcome.Failure = DtlsHandshakeFailure.NoCommonSrtpProfile;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "No SRTP protection profile in common.");
        }
    }

    public override IDictionary<int, byte[]> GetServerExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetServerExtensions());
        if (_outcome.SelectedProfile is SrtpProfile profile)
        {
            // RFC 5764 §4.1.1: exactly one profile, one the client offered; we use no MKI.
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData([(int)profile], []));
        }

        return extensions;
    }

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _outcome.OnHandshakeComplete(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        _outcome.OnAlertReceived(alertLevel, alertDescription);
        DtlsLog.AlertReceived(_logger, DtlsRole.Server, alertLevel, alertDescription);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
    {
        DtlsLog.AlertRaised(_logger, DtlsRole.Server, alertLevel, alertDescription, message);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
        TlsUtilities.GetSupportedCipherSuites(Crypto, DtlsCipherSuites.Preferred);

    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => _certificate.CreateSigner(m_context, _crypto);
}
