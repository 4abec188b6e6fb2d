using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace LiveKit.DevServer.Dtls;

/// <summary>BouncyCastle client callbacks: DTLS 1.2 only, offers use_srtp with our profiles (RFC 5764 §4.1.1),
/// verifies the server certificate by SDP fingerprint, answers the certificate request with ours.</summary>
internal sealed class DtlsClientPeer : DefaultTlsClient
{
    private readonly BcTlsCrypto _crypto;
    private readonly DtlsCertificate _certificate;
    private readonly DtlsPeerOutcome _outcome;
    private readonly ILogger _logger;

    public DtlsClientPeer(BcTlsCrypto crypto, DtlsCertificate certificate, DtlsPeerOutcome outcome, ILogger logger)
        : base(crypto)
    {
        _crypto = crypto;
        _certificate = certificate;
        _outcome = outcome;
        _logger = logger;
    }

    public override bool IgnoreCorruptDtlsRecords => true;

    public override IDictionary<int, byte[]> GetClientExtensions()
    {
        IDictionary<int, byte[]> extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
        if (_outcome.Options.SrtpProfiles.Count > 0)
        {
            int[] profiles = _outcome.Options.SrtpProfiles.Select(p => (int)p).ToArray();
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(profiles, []));
        }

        return extensions;
    }

    public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
    {
        base.ProcessServerExtensions(serverExtensions);
        UseSrtpData? chosen = serverExtensions is null ? null : TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
        if (chosen is not null)
        {
            // RFC 5764 §4.1.1: a single profile, one we offered.
            SrtpProfile? profile = chosen.ProtectionProfiles.Length == 1 ? _outcome.SelectProfile(chosen.ProtectionProfiles) : null;
            if (profile is null)
            {
                throw new TlsFatalAlert(AlertDescription.illegal_parameter, "The server chose an SRTP profile we did not offer.");
            }

            _outcome.SelectedProfile = profile;
        }
        else if (_outcome.Options.RequireSrtp)
        {
            _outcome.Failure = DtlsHandshakeFailure.NoCommonSrtpProfile;
            throw new TlsFatalAlert(AlertDescription.handshake_failure, "The server did not agree an SRTP profile.");
        }
    }

    public override TlsAuthentication GetAuthentication() => new FingerprintAuthentication(this);

    public override void NotifyHandshakeComplete()
    {
        base.NotifyHandshakeComplete();
        _outcome.OnHandshakeComplete(m_context);
    }

    public override void NotifyAlertReceived(short alertLevel, short alertDescription)
    {
        _outcome.OnAlertReceived(alertLevel, alertDescription);
        DtlsLog.AlertReceived(_logger, DtlsRole.Client, alertLevel, alertDescription);
    }

    public override void NotifyAlertRaised(short alertLevel, short alertDescription, string message, Exception cause)
    {
        DtlsLog.AlertRaised(_logger, DtlsRole.Client, alertLevel, alertDescription, message);
    }

    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();

    protected override int[] GetSupportedCipherSuites() =>
        TlsUtilities.GetSupportedCipherSuites(Crypto, DtlsCipherSuites.Preferred);

    private sealed class FingerprintAuthentication(DtlsClientPeer owner) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            owner._outcome.VerifyPeerCertificate(serverCertificate.Certificate);

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest) =>
            owner._certificate.CreateSigner(owner.m_context, owner._crypto);
    }
}
