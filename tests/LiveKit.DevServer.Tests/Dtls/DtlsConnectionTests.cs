using System.Text;
using System.Threading.Channels;
using LiveKit.DevServer.Dtls;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace LiveKit.DevServer.Tests.Dtls;

public class DtlsConnectionTests
{
    [Fact]
    public async Task ApplicationData_FlowsBothWays_AndIsCounted()
    {
        await using var pair = DtlsPair.Create();
        var atServer = Channel.CreateUnbounded<string>();
        var atClient = Channel.CreateUnbounded<string>();
        pair.Server.ApplicationDataReceived += d => atServer.Writer.TryWrite(Encoding.UTF8.GetString(d));
        pair.Client.ApplicationDataReceived += d => atClient.Writer.TryWrite(Encoding.UTF8.GetString(d));
        await pair.HandshakeAsync();

        Assert.True(pair.Client.SendApplicationData("hello server"u8));
        Assert.True(pair.Server.SendApplicationData("hello client"u8));
        byte[] large = new byte[pair.Server.MaxApplicationDataSize];
        Random.Shared.NextBytes(large);
        Assert.True(pair.Server.SendApplicationData(large));

        Assert.Equal("hello server", await atServer.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience));
        Assert.Equal("hello client", await atClient.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience));
        Assert.Equal(Encoding.UTF8.GetString(large), await atClient.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience));
        Assert.InRange(pair.Server.MaxApplicationDataSize, 1100, 1200 - 13);
        Assert.Equal(2, pair.Server.Counters.ApplicationRecordsSent);
        Assert.Equal(1, pair.Server.Counters.ApplicationRecordsReceived);
        Assert.Equal(2, pair.Client.Counters.ApplicationRecordsReceived);
        Assert.Throws<ArgumentException>(() => pair.Server.SendApplicationData(new byte[pair.Server.MaxApplicationDataSize + 1]));
    }

    [Fact]
    public async Task SendApplicationData_BeforeHandshake_ReturnsFalseAndCounts()
    {
        await using var pair = DtlsPair.Create();

        Assert.False(pair.Server.SendApplicationData("too early"u8));

        Assert.Equal(1, pair.Server.Counters.ApplicationSendFailures);
    }

    [Fact]
    public async Task CloseAsync_SendsCloseNotify_PeerEndsClosedNotFailed()
    {
        await using var pair = DtlsPair.Create();
        var serverEnded = new TaskCompletionSource<DtlsState>(TaskCreationOptions.RunContinuationsAsynchronously);
        pair.Server.StateChanged += (_, s) =>
        {
            if (s is DtlsState.Closed or DtlsState.Failed)
            {
                serverEnded.TrySetResult(s);
            }
        };
        await pair.HandshakeAsync();

        await pair.Client.CloseAsync();

        Assert.Equal(DtlsState.Closed, await serverEnded.Task.WaitAsync(DtlsPair.Patience));
        Assert.Equal(DtlsState.Closed, pair.Client.State);
        Assert.False(pair.Client.SendApplicationData("after close"u8));
        Assert.False(pair.Server.SendApplicationData("after close"u8));
        Assert.False(pair.Server.ReceiveDatagram([0x17, 0xFE, 0xFD, 0, 1, 0, 0, 0, 0, 0, 9, 0, 0]));
        Assert.Equal(1, pair.Server.Counters.DatagramsDroppedAfterClose);
    }

    [Fact]
    public async Task Handshake_NoPeerAnswers_TimesOutOnTheTimeProvider()
    {
        var time = new FakeTimeProvider();
        var certificate = DtlsCertificate.Generate(time);
        var server = new DtlsConnection(DtlsRole.Server, certificate, certificate.Fingerprint, new DelegateDatagramSender(),
            new DtlsOptions { HandshakeTimeout = TimeSpan.FromSeconds(10) }, time, NullLogger.Instance);
        server.Start();

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.False(server.Handshake.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => server.Handshake.WaitAsync(DtlsPair.Patience));
        Assert.Equal(DtlsHandshakeFailure.TimedOut, error.Failure);
        Assert.Equal(DtlsState.Failed, server.State);
        await server.CloseAsync().WaitAsync(DtlsPair.Patience);
    }

    [Fact]
    public async Task CloseAsync_DuringHandshake_ReturnsPromptlyAndFaultsTheHandshake()
    {
        var certificate = DtlsCertificate.Generate(TimeProvider.System);
        var client = new DtlsConnection(DtlsRole.Client, certificate, certificate.Fingerprint, new DelegateDatagramSender(),
            new DtlsOptions(), TimeProvider.System, NullLogger.Instance);
        client.Start();

        await client.CloseAsync().WaitAsync(DtlsPair.Patience);

        var error = await Assert.ThrowsAsync<DtlsHandshakeException>(() => client.Handshake);
        Assert.Equal(DtlsHandshakeFailure.Closed, error.Failure);
        Assert.Equal(DtlsState.Failed, client.State);
    }

    [Fact]
    public async Task ReceiveDatagram_MalformedInput_IsDroppedAndCountedAndTheConnectionSurvives()
    {
        await using var pair = DtlsPair.Create();
        var atServer = Channel.CreateUnbounded<string>();
        pair.Server.ApplicationDataReceived += d => atServer.Writer.TryWrite(Encoding.UTF8.GetString(d));
        byte[][] junk =
        [
            [],
            [0x16, 0xFE],
            [0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 50, 1, 2, 3], // fragment shorter than its length
            [0x18, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // heartbeat content type
            [0x16, 0x03, 0x03, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], // TLS version
            Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\n\r\n"),
        ];

        // Before the handshake: the junk must not derail it.
        foreach (byte[] datagram in junk)
        {
            Assert.False(pair.Server.ReceiveDatagram(datagram));
        }

        await pair.HandshakeAsync();

        // After: junk again, plus a well-formed record whose ciphertext does not authenticate (RFC 6347 §4.1.2.7:
        // silently discarded by the engine, not fatal).
        foreach (byte[] datagram in junk)
        {
            Assert.False(pair.Server.ReceiveDatagram(datagram));
        }

        byte[] forged = new byte[13 + 40];
        forged[0] = 23;
        forged[1] = 0xFE;
        forged[2] = 0xFD;
        forged[4] = 1; // epoch 1
        forged[10] = 200; // sequence number far ahead
        forged[12] = 40;
        Random.Shared.NextBytes(forged.AsSpan(13));
        Assert.True(pair.Server.ReceiveDatagram(forged));

        Assert.True(pair.Client.SendApplicationData("still alive"u8));
        Assert.Equal("still alive", await atServer.Reader.ReadAsync().AsTask().WaitAsync(DtlsPair.Patience));
        Assert.Equal(2 * junk.Length, pair.Server.Counters.MalformedDatagramsDropped);
        Assert.Equal(DtlsState.Connected, pair.Server.State);
    }

    [Fact]
    public async Task ReceiveDatagram_QueueFull_DropsAndCounts()
    {
        var certificate = DtlsCertificate.Generate(TimeProvider.System);
        await using var server = new DtlsConnection(DtlsRole.Server, certificate, certificate.Fingerprint,
            new DelegateDatagramSender(), new DtlsOptions { ReceiveQueueCapacity = 2 }, TimeProvider.System, NullLogger.Instance);
        byte[] record = [0x16, 0xFE, 0xFD, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];

        // Not started: nothing drains the queue.
        Assert.True(server.ReceiveDatagram(record));
        Assert.True(server.ReceiveDatagram(record));
        Assert.False(server.ReceiveDatagram(record));

        Assert.Equal(1, server.Counters.QueueOverflowDatagramsDropped);
        Assert.Equal(3, server.Counters.DatagramsReceived);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesTheSetting()
    {
        var certificate = DtlsCertificate.Generate(TimeProvider.System);

        var error = Assert.Throws<ArgumentException>(() => new DtlsConnection(DtlsRole.Server, certificate,
            certificate.Fingerprint, new DelegateDatagramSender(), new DtlsOptions { Mtu = 100 }, TimeProvider.System,
            NullLogger.Instance));

        Assert.Contains("DtlsOptions.Mtu", error.Message, StringComparison.Ordinal);
    }
}
