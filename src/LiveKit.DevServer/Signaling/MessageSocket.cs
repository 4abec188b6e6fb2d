using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// A server-side WebSocket carrying binary protobuf messages (the <c>/rtc</c> and <c>/agent</c> protocols):
/// a bounded send queue drained by one writer, and a receive side with a message-size cap.
/// </summary>
/// <remarks>
/// <para>Threading: <see cref="TrySend"/> and <see cref="CloseAfterPending"/> may be called from any thread
/// and never block; the writer task is the only sender (WebSocket allows one concurrent send and one
/// concurrent receive). <see cref="ReceiveAsync"/> is called by one reader at a time.</para>
/// <para>Memory: one small pooled receive buffer per connection, grown for a large message up to the cap
/// and shrunk again before the next receive. Oversized messages are read in chunks and discarded, so the
/// connection survives them.</para>
/// <para>A full send queue means the client stopped reading: the connection is aborted.</para>
/// </remarks>
internal sealed class MessageSocket : IAsyncDisposable
{
    private const int InitialBufferBytes = 4096;
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly int _maxMessageBytes;
    private readonly Channel<ReadOnlyMemory<byte>> _queue;
    private readonly CancellationTokenSource _abort = new();
    private readonly Task _writer;
    private byte[] _buffer;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = string.Empty;
    private int _closing;

    public MessageSocket(WebSocket socket, int maxMessageBytes, int sendQueueCapacity)
    {
        _socket = socket;
        _maxMessageBytes = maxMessageBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        _queue = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(sendQueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Whether the connection was aborted because its send queue overflowed.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>The reason given when the server closed the connection, or empty.</summary>
    public string CloseReason => _closeReason;

    /// <summary>Queues a message; false when the connection is closing or gone (or just overflowed and was aborted).</summary>
    public bool TrySend(ReadOnlyMemory<byte> message)
    {
        if (_queue.Writer.TryWrite(message))
        {
            return true;
        }

        if (Volatile.Read(ref _closing) == 0)
        {
            // Callers may hold a room lock: abort on the thread pool so no continuation of this
            // connection's reader runs inline under that lock.
            Overflowed = true;
            Interlocked.Exchange(ref _closing, 1);
            _queue.Writer.TryComplete();
            ThreadPool.UnsafeQueueUserWorkItem(static socket => socket.Abort(), this, preferLocal: false);
        }

        return false;
    }

    /// <summary>Sends what is queued, then a close frame; the peer has a few seconds to answer it before the connection is aborted.</summary>
    public void CloseAfterPending(WebSocketCloseStatus status, string reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        _closeStatus = status;
        _closeReason = reason.Length > 120 ? reason[..120] : reason;
        _queue.Writer.TryComplete();
        _abort.CancelAfter(CloseHandshakeTimeout);
    }

    /// <summary>Drops the connection without a close handshake.</summary>
    public void Abort()
    {
        Interlocked.Exchange(ref _closing, 1);
        _queue.Writer.TryComplete();
        _socket.Abort();
        try
        {
            _abort.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already disposed: nothing left to stop.
        }
    }

    /// <summary>Receives the next message. Returns <see cref="InboundKind.Closed"/> once the connection is done, whatever the cause.</summary>
    public async ValueTask<InboundMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (_buffer.Length > InitialBufferBytes)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _abort.Token);
        var length = 0;
        long total = 0;
        var discarding = false;
        try
        {
            while (true)
            {
                if (!discarding && length == _buffer.Length)
                {
                    if (length >= _maxMessageBytes + 1)
                    {
                        discarding = true;
                    }
                    else
                    {
                        Grow(length);
                    }
                }

                var target = discarding ? _buffer.AsMemory() : _buffer.AsMemory(length, Math.Min(_buffer.Length, _maxMessageBytes + 1) - length);
                var result = await _socket.ReceiveAsync(target, linked.Token).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    // Answer the peer's close (the writer owns sending).
                    CloseAfterPending(WebSocketCloseStatus.NormalClosure, string.Empty);
                    return InboundMessage.Closed;
                }

                total += result.Count;
                if (!discarding)
                {
                    length += result.Count;
                    discarding = length > _maxMessageBytes;
                }

                if (result.EndOfMessage)
                {
                    return discarding
                        ? new InboundMessage(InboundKind.TooLarge, ReadOnlyMemory<byte>.Empty, total)
                        : new InboundMessage(result.MessageType == WebSocketMessageType.Text ? InboundKind.Text : InboundKind.Binary, _buffer.AsMemory(0, length), total);
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            return InboundMessage.Closed;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // A close already under way (the peer's close being answered, or ours after pending messages) keeps its
        // bounded handshake: aborting now would cut off our close frame and the browser would see code 1006.
        if (Volatile.Read(ref _closing) == 0)
        {
            Abort();
        }

        await _writer.ConfigureAwait(false);
        _socket.Abort();
        _abort.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private void Grow(int used)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Min(Math.Max(_buffer.Length * 2, InitialBufferBytes), _maxMessageBytes + 1));
        _buffer.AsSpan(0, used).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = next;
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            await foreach (var message in _queue.Reader.ReadAllAsync(_abort.Token).ConfigureAwait(false))
            {
                await _socket.SendAsync(message, WebSocketMessageType.Binary, endOfMessage: true, _abort.Token).ConfigureAwait(false);
            }

            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, _abort.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or IOException)
        {
            _socket.Abort();
        }
    }
}
