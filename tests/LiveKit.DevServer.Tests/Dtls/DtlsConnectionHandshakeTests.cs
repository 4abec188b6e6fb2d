using LiveKit.DevServer.Dtls;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.DevServer.Tests.Dtls;

public class DtlsConnectionHandshakeTests
{
    // SRTP profile code points (RFC 5764 §4.1.2, RFC 7714 §14.2); internal enum types cannot appear in public test signatures.
    public static TheoryData<int> Profiles => new() { 0x0001, 0x0002, 0x0007, 0x0008 };

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Server_WithBouncyCastleReferenceClient_AgreesProfileAndIdenticalKeys(int profileCode)
    {
        var profile = (SrtpProfile)profileCode;
        var serverCertificate = DtlsCertificate.Generate(TimeProvider.System);
        var clientCertificate = DtlsCertificate.Generate(TimeProvider.System);
        using var client = new ReferenceDtlsClient(clientCertificate, profile);
        var toClient = new DelegateDatagramSender { OnSend = d => client.Deliver(d) };
        await using var server = new DtlsConnection(DtlsRole.Server, serverCertificate, clientCertificate.Fingerprint,
            toClient, new DtlsOptions(), TimeProvider.System, NullLogger.Instance);
        client.Outbound = d => server.ReceiveDatagram(d);

        server.Start();
        await client.ConnectAsync().WaitAsync(DtlsPair.Patience);
        DtlsHandshakeResult result = await server.Handshake.WaitAsync(DtlsPair.Patience);

        Assert.Equal((int)profile, client.ChosenProfile);
        Assert.Equal(profile, result.Srtp!.Profile);
        Assert.Equal(DtlsRole.Server, result.LocalRole);
        Assert.Equal(clientCertificate.Fingerprint, result.RemoteFingerprint);
        Assert.Equal(serverCertificate.Der.ToArray(), client.ServerCertificateDer);
        byte[] serverView = [.. result.Srtp.ClientWriteKey.Span, .. result.Srtp.ServerWriteKey.Span,
            .. result.Srtp.ClientWriteSalt.Span, .. result.Srtp.ServerWriteSalt.Span];
        Assert.Equal(client.KeyingMaterial, serverView);
        Assert.Equal(profile.KeyingMaterialLength(), serverView.Length);
        Assert.Contains(serverView, b => b != 0);
        Assert.Equal(DtlsState.Connected, server.State);
    }

    [Theory]
    [MemberData(nameof(Profiles))]
    public async Task Server_WithOurClient_AgreesProfileAndMirroredKeys(int profileCode)
    {
        var profile = (SrtpProfile)profileCode;
        await using var pair = DtlsPair.Create(clientOptions: new DtlsOptions { SrtpProfiles = [profile] });

        var (server, client) = await pair.HandshakeAsync();

        Assert.Equal(profile, server.Srtp!.Profile);
        Assert.Equal(profile, client.Srtp!.Profile);
        Assert.Equal(server.CipherSuite, client.CipherSuite);
        Assert.Equal(server.Srtp.LocalMasterKey.ToArray(), client.Srtp.RemoteMasterKey.ToArray());
        Assert.Equal(server.Srtp.LocalMasterSalt.ToArray(), client.Srtp.RemoteMasterSalt.ToArray());
        Assert.Equal(server.Srtp.RemoteMasterKey.ToArray(), client.Srtp.LocalMasterKey.ToArray());
        Assert.Equal(server.Srtp.RemoteMasterSalt.ToArray(), client.Srtp.LocalMasterSalt.ToArray());
        Assert.NotEqual(server.Srtp.LocalMasterKey.ToArray(), server.Srtp.RemoteMasterKey.ToArray());
        Assert.Equal(profile.MasterKeyLength(), server.Srtp.LocalMasterKey.Length);
        Assert.Equal(profile.MasterSaltLength(), server.Srtp.LocalMasterSalt.Length);
        Assert.Equal(pair.ServerCertificate.Fingerprint, client.RemoteFingerprint);
        Assert.Equal(pair.ClientCertificate.Fingerprint, server.RemoteFingerprint);
    }

    [Fact]
    public async Task Server_ClientOffersCmAndGcm_PrefersGcm()
    {
        await using var pair = DtlsPair.Create(clientOptions: new DtlsOptions
        {
            SrtpProfiles = [SrtpProfile.AesCm128HmacSha1Tag80, SrtpProfile.AeadAes128Gcm],
        });

        var (server, client) = await pair.HandshakeAsync();

        Assert.Equal(SrtpProfile.AeadAes128Gcm, server.Srtp!.Profile);
        Assert.Equal(SrtpProfile.AeadAes128Gcm, client.Srtp!.Profile);
    }

    [Fact]
    public async Task Handshake_ServerSeesWrongClientFingerprint_FailsWithFingerprintMismatch()
    {
        var stranger = DtlsCertificate.Generate(TimeProvider.System);
        await using var pair = DtlsPair.Create(serverExpects: stranger.Fingerprint);
        pair.Server.Start();
        pair.Client.Start();

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Server.Handshake.WaitAsync(DtlsPair.Patience));
        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Client.Handshake.WaitAsync(DtlsPair.Patience));

        Assert.Equal(DtlsHandshakeFailure.FingerprintMismatch, serverError.Failure);
        Assert.Equal(DtlsHandshakeFailure.AlertReceived, clientError.Failure);
        Assert.Equal(DtlsState.Failed, pair.Server.State);
    }

    [Fact]
    public async Task Handshake_ClientSeesWrongServerFingerprint_FailsWithFingerprintMismatch()
    {
        var stranger = DtlsCertificate.Generate(TimeProvider.System);
        await using var pair = DtlsPair.Create(clientExpects: stranger.Fingerprint);
        pair.Server.Start();
        pair.Client.Start();

        var clientError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Client.Handshake.WaitAsync(DtlsPair.Patience));
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Server.Handshake.WaitAsync(DtlsPair.Patience));

        Assert.Equal(DtlsHandshakeFailure.FingerprintMismatch, clientError.Failure);
        Assert.Equal(DtlsState.Failed, pair.Client.State);
    }

    [Fact]
    public async Task Handshake_NoCommonSrtpProfile_FailsOnTheServer()
    {
        await using var pair = DtlsPair.Create(
            serverOptions: new DtlsOptions { SrtpProfiles = [SrtpProfile.AeadAes256Gcm] },
            clientOptions: new DtlsOptions { SrtpProfiles = [SrtpProfile.AesCm128HmacSha1Tag80] });
        pair.Server.Start();
        pair.Client.Start();

        var serverError = await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Server.Handshake.WaitAsync(DtlsPair.Patience));
        await Assert.ThrowsAsync<DtlsHandshakeException>(() => pair.Client.Handshake.WaitAsync(DtlsPair.Patience));

        Assert.Equal(DtlsHandshakeFailure.NoCommonSrtpProfile, serverError.Failure);
    }

    [Fact]
    public async Task Handshake_FirstFlightsLost_RecoversByRetransmission()
    {
        await using var pair = DtlsPair.Create();
        int dropped = 0;
        var deliver = pair.ClientOut.OnSend!;
        // RFC 6347 §4.2.4: a lost flight is retransmitted after the timer. Lose the first ClientHello.
        pair.ClientOut.OnSend = d =>
        {
            if (Interlocked.Increment(ref dropped) > 1)
            {
                deliver(d);
            }
        };

        var (server, client) = await pair.HandshakeAsync();

        Assert.Equal(server.Srtp!.LocalMasterKey.ToArray(), client.Srtp!.RemoteMasterKey.ToArray());
    }
}
