using LiveKit.DevServer.Dtls;
using Microsoft.Extensions.Logging.Abstractions;

namespace LiveKit.DevServer.Tests.Dtls;

/// <summary>Our DTLS server and our DTLS client wired back to back in memory (each send is a receive on the other side).</summary>
internal sealed class DtlsPair : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private DtlsPair(DtlsConnection server, DtlsConnection client, DtlsCertificate serverCertificate,
        DtlsCertificate clientCertificate, DelegateDatagramSender serverOut, DelegateDatagramSender clientOut)
    {
        Server = server;
        Client = client;
        ServerCertificate = serverCertificate;
        ClientCertificate = clientCertificate;
        ServerOut = serverOut;
        ClientOut = clientOut;
    }

    public DtlsConnection Server { get; }

    public DtlsConnection Client { get; }

    public DtlsCertificate ServerCertificate { get; }

    public DtlsCertificate ClientCertificate { get; }

    /// <summary>What the server sends; by default delivered to the client.</summary>
    public DelegateDatagramSender ServerOut { get; }

    /// <summary>What the client sends; by default delivered to the server.</summary>
    public DelegateDatagramSender ClientOut { get; }

    public static DtlsPair Create(DtlsOptions? serverOptions = null, DtlsOptions? clientOptions = null,
        TimeProvider? timeProvider = null, CertificateFingerprint? serverExpects = null,
        CertificateFingerprint? clientExpects = null)
    {
        TimeProvider time = timeProvider ?? TimeProvider.System;
        var serverCertificate = DtlsCertificate.Generate(time);
        var clientCertificate = DtlsCertificate.Generate(time);
        var serverOut = new DelegateDatagramSender();
        var clientOut = new DelegateDatagramSender();
        var server = new DtlsConnection(DtlsRole.Server, serverCertificate, serverExpects ?? clientCertificate.Fingerprint,
            serverOut, serverOptions ?? new DtlsOptions(), time, NullLogger.Instance);
        var client = new DtlsConnection(DtlsRole.Client, clientCertificate, clientExpects ?? serverCertificate.Fingerprint,
            clientOut, clientOptions ?? new DtlsOptions(), time, NullLogger.Instance);
        serverOut.OnSend = d => client.ReceiveDatagram(d);
        clientOut.OnSend = d => server.ReceiveDatagram(d);
        return new DtlsPair(server, client, serverCertificate, clientCertificate, serverOut, clientOut);
    }

    public async Task<(DtlsHandshakeResult Server, DtlsHandshakeResult Client)> HandshakeAsync()
    {
        Server.Start();
        Client.Start();
        DtlsHandshakeResult server = await Server.Handshake.WaitAsync(Patience);
        DtlsHandshakeResult client = await Client.Handshake.WaitAsync(Patience);
        return (server, client);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
