using LiveKit.Rtc.Tests.Infrastructure;

namespace LiveKit.Rtc.Tests.Rooms;

/// <summary>Connection failures through the real Rust core, against loopback endpoints.</summary>
public sealed class RoomConnectTests
{
    private const string Token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib3QifQ.c2lnbmF0dXJl";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:7880")]
    [InlineData("/relative/path")]
    public async Task ConnectAsync_MalformedUrl_ThrowsArgumentExceptionBeforeAnythingIsSent(string url)
    {
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<ArgumentException>(() => room.ConnectAsync(url, Token));

        Assert.Equal("url", ex.ParamName);
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
    }

    [Fact]
    public async Task ConnectAsync_ClosedPort_ThrowsRoomConnectExceptionWithTheRefusal()
    {
        long handles = RtcRuntime.LiveHandleCount;
        await using var room = new Room();
        string url = $"ws://127.0.0.1:{ClosedPort.Next()}";

        var ex = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(url, Token, new RoomOptions { JoinRetries = 0 }).WaitAsync(Timeout));

        Assert.Contains("Connection refused", ex.Reason, StringComparison.Ordinal);
        Assert.Null(ex.StatusCode);
        Assert.StartsWith(url, ex.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
    }

    [Fact]
    public async Task ConnectAsync_UnresolvableHost_ThrowsRoomConnectExceptionNamingTheLookup()
    {
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync("ws://livekit.invalid:7880", Token, new RoomOptions { JoinRetries = 0 }).WaitAsync(Timeout));

        Assert.Contains("lookup", ex.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ConnectAsync_ServerRejectsToken_ThrowsWithTheServersStatusAndReason()
    {
        // What a LiveKit server does with a bad token: the WebSocket upgrade on /rtc gets 401, and
        // /rtc/validate explains why. The core asks /rtc/validate and reports its answer.
        await using var server = new FakeSignalServer(path => path switch
        {
            "/rtc" => (401, "Unauthorized", "unauthorized"),
            "/rtc/validate" => (401, "Unauthorized", "invalid token: token is expired"),
            _ => (404, "Not Found", "404 page not found"),
        });
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(server.Url, Token).WaitAsync(Timeout));

        Assert.Equal(401, ex.StatusCode);
        Assert.Equal("invalid token: token is expired", ex.ServerMessage);
        Assert.Contains("invalid token: token is expired", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
        var requests = server.Requests.ToArray();
        Assert.Equal(["/rtc", "/rtc/validate"], requests.Select(r => r.Path));
        // The token travels in the Authorization header, not in the URL.
        Assert.All(requests, r => Assert.Equal("Bearer " + Token, r.Headers["Authorization"]));
        Assert.All(requests, r => Assert.DoesNotContain(Token, r.Target, StringComparison.Ordinal));
        Assert.Contains("sdk=rust", requests[0].Target, StringComparison.Ordinal);
        Assert.Contains("auto_subscribe=1", requests[0].Target, StringComparison.Ordinal);
        // What the core logged on the way: the rejected upgrade, then the failure.
        Assert.Contains(ex.NativeDiagnostics, line => line.Contains("error while connecting to a room", StringComparison.Ordinal));
        Assert.All(ex.NativeDiagnostics, line => Assert.DoesNotContain(Token, line, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectAsync_SinglePeerConnection_TriesRtcV1ThenFallsBackOn404()
    {
        await using var server = new FakeSignalServer(path => path switch
        {
            "/rtc/v1" => (404, "Not Found", "404 page not found"),
            "/rtc" => (401, "Unauthorized", "unauthorized"),
            "/rtc/validate" => (403, "Forbidden", "no permission to join room"),
            _ => (404, "Not Found", "404 page not found"),
        });
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<RoomConnectException>(() =>
            room.ConnectAsync(server.Url, Token, new RoomOptions { SinglePeerConnection = true }).WaitAsync(Timeout));

        Assert.Equal(403, ex.StatusCode);
        Assert.Equal("no permission to join room", ex.ServerMessage);
        Assert.Equal(["/rtc/v1", "/rtc", "/rtc/validate"], server.Requests.Select(r => r.Path));
    }

    [Fact]
    public async Task ConnectAsync_ServerError_ReportsTheStatus()
    {
        await using var server = new FakeSignalServer(path => (503, "Service Unavailable", "node is draining"));
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<RoomConnectException>(() => room.ConnectAsync(server.Url, Token, new RoomOptions { JoinRetries = 0 }).WaitAsync(Timeout));

        Assert.Equal(503, ex.StatusCode);
        Assert.Equal("node is draining", ex.ServerMessage);
    }

    [Fact]
    public async Task ConnectAsync_Cancelled_ThrowsOperationCanceledAndLeavesNoHandle()
    {
        long handles = RtcRuntime.LiveHandleCount;
        // A server that accepts TCP connections but never answers keeps the core waiting.
        using var silent = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        silent.Start();
        int port = ((System.Net.IPEndPoint)silent.LocalEndpoint).Port;
        await using var room = new Room();
        using var cts = new CancellationTokenSource();

        var connect = room.ConnectAsync($"ws://127.0.0.1:{port}", Token, new RoomOptions { ConnectTimeout = TimeSpan.FromSeconds(30) }, cts.Token);
        using (var accepted = await silent.AcceptSocketAsync().WaitAsync(Timeout))
        {
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => connect);
        }

        Assert.Equal(ConnectionState.Disconnected, room.ConnectionState);
        Assert.Equal(handles, RtcRuntime.LiveHandleCount);
    }

    [Fact]
    public async Task ConnectAsync_SecondCall_ThrowsInvalidOperation()
    {
        await using var room = new Room();
        await Assert.ThrowsAsync<RoomConnectException>(() =>
            room.ConnectAsync($"ws://127.0.0.1:{ClosedPort.Next()}", Token, new RoomOptions { JoinRetries = 0 }).WaitAsync(Timeout));

        await Assert.ThrowsAsync<InvalidOperationException>(() => room.ConnectAsync("ws://127.0.0.1:1", Token));
    }

    [Fact]
    public async Task ConnectAsync_InvalidOptions_NameTheSetting()
    {
        await using var room = new Room();

        var ex = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => room.ConnectAsync("ws://127.0.0.1:1", Token, new RoomOptions { EventQueueCapacity = 0 }));

        Assert.Contains("RoomOptions.EventQueueCapacity", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LocalParticipant_BeforeConnecting_ThrowsInvalidOperation()
    {
        await using var room = new Room();

        Assert.Throws<InvalidOperationException>(() => room.LocalParticipant);
        Assert.Empty(room.RemoteParticipants);
        await room.DisconnectAsync(); // nothing to do, no error
    }
}
