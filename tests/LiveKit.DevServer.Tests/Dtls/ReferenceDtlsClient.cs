using System.Collections.Concurrent;
using LiveKit.DevServer.Dtls;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;

namespace LiveKit.DevServer.Tests.Dtls;

/// <summary>
/// A DTLS-SRTP client written directly on BouncyCastle, independent of our <see cref="DtlsConnection"/> code path:
/// its own DatagramTransport, its own use_srtp offer, and its own export of the raw keying material. Used to check
/// our server against a second implementation of the client side.
/// </summary>
internal sealed class ReferenceDtlsClient : IDisposable
{
    private readonly BlockingCollection<byte[]> _inbound = new(boundedCapacity: 1024);
    private readonly DtlsCertificate _certificate;
    private readonly int[] _offeredProfiles;

    public ReferenceDtlsClient(DtlsCertificate certificate, params SrtpProfile[] offeredProfiles)
    {
        _certificate = certificate;
        _offeredProfiles = offeredProfiles.Select(p => (int)p).ToArray();
    }

    /// <summary>Where the client's datagrams go (the server's ReceiveDatagram).</summary>
    public Action<byte[]>? Outbound { get; set; }

    /// <summary>The profile the server chose, from the ServerHello's use_srtp extension.</summary>
    public int ChosenProfile { get; private set; } = -1;

    /// <summary>Raw exporter output: client key | server key | client salt | server salt (RFC 5764 §4.2).</summary>
    public byte[]? KeyingMaterial { get; private set; }

    public byte[]? ServerCertificateDer { get; private set; }

    public DtlsTransport? Transport { get; private set; }

    public void Deliver(ReadOnlySpan<byte> datagram) => _inbound.TryAdd(datagram.ToArray());

    public Task ConnectAsync() => Task.Factory.StartNew(() =>
    {
        var crypto = new BcTlsCrypto(new SecureRandom());
        var peer = new Peer(this, crypto);
        Transport = new DtlsClientProtocol().Connect(peer, new Pipe(this));
    }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public void Dispose()
    {
        _inbound.CompleteAdding();
        _inbound.Dispose();
    }

    private sealed class Pipe(ReferenceDtlsClient owner) : DatagramTransport
    {
        public int GetReceiveLimit() => 1500;

        public int GetSendLimit() => 1200;

        public int Receive(byte[] buf, int off, int len, int waitMillis) => Receive(buf.AsSpan(off, len), waitMillis);

        public int Receive(Span<byte> buffer, int waitMillis)
        {
            try
            {
                if (owner._inbound.TryTake(out byte[]? datagram, waitMillis == 0 ? Timeout.Infinite : waitMillis))
                {
                    datagram.CopyTo(buffer);
                    return datagram.Length;
                }

                return -1;
            }
            catch (Exception ex) when (ex is ObjectDisposedException or InvalidOperationException)
            {
                throw new IOException("closed", ex);
            }
        }

        public void Send(byte[] buf, int off, int len) => owner.Outbound?.Invoke(buf.AsSpan(off, len).ToArray());

        public void Send(ReadOnlySpan<byte> buffer) => owner.Outbound?.Invoke(buffer.ToArray());

        public void Close()
        {
        }
    }

    private sealed class Peer(ReferenceDtlsClient owner, BcTlsCrypto crypto) : DefaultTlsClient(crypto)
    {
        public override IDictionary<int, byte[]> GetClientExtensions()
        {
            var extensions = TlsExtensionsUtilities.EnsureExtensionsInitialised(base.GetClientExtensions());
            TlsSrtpUtilities.AddUseSrtpExtension(extensions, new UseSrtpData(owner._offeredProfiles, []));
            return extensions;
        }

        public override void ProcessServerExtensions(IDictionary<int, byte[]> serverExtensions)
        {
            base.ProcessServerExtensions(serverExtensions);
            UseSrtpData chosen = TlsSrtpUtilities.GetUseSrtpExtension(serverExtensions);
            owner.ChosenProfile = chosen.ProtectionProfiles.Single();
        }

        public override TlsAuthentication GetAuthentication() => new Authentication(owner, m_context, crypto);

        public override void NotifyHandshakeComplete()
        {
            base.NotifyHandshakeComplete();
            int profile = owner.ChosenProfile;
            int length = profile is 1 or 2 ? 2 * (16 + 14) : profile == 7 ? 2 * (16 + 12) : 2 * (32 + 12);
            owner.KeyingMaterial = m_context.ExportKeyingMaterial("EXTRACTOR-dtls_srtp", null, length);
        }

        protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.DTLSv12.Only();
    }

    private sealed class Authentication(ReferenceDtlsClient owner, TlsContext context, BcTlsCrypto crypto) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate) =>
            owner.ServerCertificateDer = serverCertificate.Certificate.GetCertificateAt(0).GetEncoded();

        public TlsCredentials GetClientCredentials(CertificateRequest certificateRequest)
        {
            var chain = new Certificate([new BcTlsCertificate(crypto, owner._certificate.Der.ToArray())]);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), crypto,
                owner._certificate.PrivateKey, chain, new SignatureAndHashAlgorithm(HashAlgorithm.sha256, SignatureAlgorithm.ecdsa));
        }
    }
}
