using System.Buffers;
using System.Net.WebSockets;
using Google.Protobuf;
using LiveKit.Proto;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// One WebSocket connection to LiveKit's <c>/agent</c> endpoint (livekit-server service/agentservice.go): the worker
/// token goes in <c>Authorization: Bearer</c>; frames are binary protobuf, <see cref="WorkerMessage"/> out and
/// <see cref="ServerMessage"/> in.
/// </summary>
/// <remarks>Threading: sends are serialised internally (any thread); one reader calls <see cref="ReceiveAsync"/>.</remarks>
internal sealed class WorkerSocket : IAsyncDisposable
{
    /// <summary>Largest server message accepted; assignments carry a token and a room, far below this.</summary>
    public const int MaxMessageBytes = 1024 * 1024;

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendGate = new(1, 1);
    private byte[] _receiveBuffer = ArrayPool<byte>.Shared.Rent(16 * 1024);

    private WorkerSocket(ClientWebSocket socket) => _socket = socket;

    /// <summary><c>ws(s)://host[/prefix]/agent</c> for a server URL in any of the accepted schemes.</summary>
    public static Uri AgentEndpoint(string serverUrl)
    {
        var builder = new UriBuilder(LiveKit.Api.LiveKitUrl.ToHttpBase(serverUrl));
        builder.Scheme = builder.Scheme == Uri.UriSchemeHttps ? "wss" : "ws";
        builder.Port = builder.Uri.IsDefaultPort ? -1 : builder.Port;
        builder.Path = builder.Path.TrimEnd('/') + "/agent";
        return builder.Uri;
    }

    public static async Task<WorkerSocket> ConnectAsync(Uri endpoint, string token, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        try
        {
            socket.Options.SetRequestHeader("Authorization", "Bearer " + token);
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);
            socket.Options.CollectHttpResponseDetails = true;
            await socket.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            return new WorkerSocket(socket);
        }
        catch (WebSocketException e) when (socket.HttpStatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            socket.Dispose();
            throw new WebSocketException(WebSocketError.NotAWebSocket, $"the server refused the worker token ({(int)socket.HttpStatusCode}); check LIVEKIT_API_KEY and LIVEKIT_API_SECRET", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public string? CloseDescription => _socket.CloseStatusDescription;

    public async Task SendAsync(WorkerMessage message, CancellationToken cancellationToken)
    {
        int size = message.CalculateSize();
        byte[] buffer = ArrayPool<byte>.Shared.Rent(Math.Max(size, 1));
        try
        {
            message.WriteTo(buffer.AsSpan(0, size));
            await _sendGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                await _socket.SendAsync(buffer.AsMemory(0, size), WebSocketMessageType.Binary, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _sendGate.Release();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The next server message, or null once the server closed the connection.</summary>
    /// <exception cref="InvalidDataException">A text frame, an oversized frame, or bytes that are not a ServerMessage.</exception>
    public async Task<ServerMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        int length = 0;
        while (true)
        {
            if (length == _receiveBuffer.Length)
            {
                if (length >= MaxMessageBytes)
                {
                    throw new InvalidDataException($"a server message exceeds {MaxMessageBytes} bytes");
                }

                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(length * 2, MaxMessageBytes));
                _receiveBuffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_receiveBuffer);
                _receiveBuffer = larger;
            }

            var result = await _socket.ReceiveAsync(_receiveBuffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }

            if (result.MessageType != WebSocketMessageType.Binary)
            {
                throw new InvalidDataException("the server sent a text frame; the agent protocol is binary protobuf");
            }

            length += result.Count;
            if (result.EndOfMessage)
            {
                break;
            }
        }

        try
        {
            return ServerMessage.Parser.ParseFrom(_receiveBuffer.AsSpan(0, length));
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new InvalidDataException("the server sent a malformed ServerMessage: " + e.Message, e);
        }
    }

    /// <summary>Closes politely (bounded by <paramref name="cancellationToken"/>); errors are ignored, the connection is going anyway.</summary>
    public async Task CloseAsync(string reason, CancellationToken cancellationToken)
    {
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, reason, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer is gone or too slow; disposing aborts the connection.
        }
    }

    public ValueTask DisposeAsync()
    {
        _socket.Dispose();
        _sendGate.Dispose();
        ArrayPool<byte>.Shared.Return(Interlocked.Exchange(ref _receiveBuffer, []));
        return ValueTask.CompletedTask;
    }
}
