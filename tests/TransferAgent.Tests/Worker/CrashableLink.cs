using System.Net;
using System.Net.Sockets;
using System.Text;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>
/// A loopback TCP relay between one worker and the dev server that can die like the worker's machine: connections are
/// reset (no WebSocket close, no leave), and nothing new is accepted. The worker's <c>/agent</c> connection and its
/// rooms' signalling connections can be cut separately, so a test decides which loss the server sees first.
/// </summary>
public sealed class CrashableLink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _serverPort;
    private readonly Lock _gate = new();
    private readonly List<(Socket Client, Socket Server, bool Agent)> _pairs = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private CrashableLink(int serverPort)
    {
        _serverPort = serverPort;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The URL the worker uses instead of the server's.</summary>
    public string Url => $"ws://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public static CrashableLink Start(int serverPort) => new(serverPort);

    /// <summary>Stops accepting (the worker cannot reconnect) and resets its <c>/agent</c> connection.</summary>
    public void CutAgentConnection()
    {
        _stop.Cancel();
        _listener.Stop();
        Reset(agent: true);
    }

    /// <summary>Stops accepting and resets the room signalling connections (the job's participant vanishes without leaving).</summary>
    public void CutRoomConnections()
    {
        _stop.Cancel();
        _listener.Stop();
        Reset(agent: false);
    }

    public async ValueTask DisposeAsync()
    {
        CutAgentConnection();
        CutRoomConnections();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private void Reset(bool agent)
    {
        List<(Socket Client, Socket Server, bool Agent)> cut;
        lock (_gate)
        {
            cut = _pairs.FindAll(p => p.Agent == agent);
            _pairs.RemoveAll(p => p.Agent == agent);
        }

        foreach (var (client, server, _) in cut)
        {
            // Linger 0: close sends RST, as the kernel does for a process that died.
            foreach (var socket in new[] { server, client })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                    socket.Close();
                }
                catch (ObjectDisposedException)
                {
                    // Already gone.
                }
            }
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stop.Token);
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(IPAddress.Loopback, _serverPort);

            // The first bytes are the HTTP upgrade request: its path tells the /agent connection from a room's signalling.
            var first = new byte[4096];
            int read = await client.ReceiveAsync(first, SocketFlags.None);
            if (read == 0)
            {
                throw new SocketException((int)SocketError.ConnectionReset);
            }

            bool agent = Encoding.ASCII.GetString(first, 0, read).StartsWith("GET /agent", StringComparison.Ordinal);
            lock (_gate)
            {
                if (_stop.IsCancellationRequested)
                {
                    throw new OperationCanceledException();
                }

                _pairs.Add((client, server, agent));
            }

            await server.SendAsync(first.AsMemory(0, read), SocketFlags.None);
            await Task.WhenAll(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            client.Dispose();
            server.Dispose();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReceiveAsync(buffer, SocketFlags.None)) > 0)
        {
            await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
        }

        to.Shutdown(SocketShutdown.Send);
    }
}
