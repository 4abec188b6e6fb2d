using System.Net.WebSockets;
using System.Threading.Channels;
using LiveKit.Proto;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// One registered connection: an ordered outbound queue drained by a single send loop (so job reports from job tasks
/// never block or interleave frames), and the token that ends the session.
/// </summary>
/// <remarks>
/// <see cref="Send"/> is callable from any thread and never blocks; after the session ended it drops the message
/// (the server forgets this connection's state anyway). The send loop is awaited by <see cref="StopAsync"/>.
/// </remarks>
internal sealed class WorkerSession
{
    /// <summary>Messages queued beyond this mean the server stopped reading; the session ends.</summary>
    private const int MaxQueued = 1024;

    private readonly Channel<(WorkerMessage Message, TaskCompletionSource? Sent)> _outbound = Channel.CreateBounded<(WorkerMessage, TaskCompletionSource?)>(new BoundedChannelOptions(MaxQueued) { SingleReader = true });
    private readonly CancellationTokenSource _ending;
    private readonly Task _sender;
    private long _lastHeard;

    /// <param name="now">TimeProvider timestamp of the session's start (the silence clock starts there).</param>
    public WorkerSession(WorkerSocket socket, CancellationTokenSource ending, long now)
    {
        Socket = socket;
        _lastHeard = now;
        _ending = ending;
        _sender = Task.Run(SendLoopAsync);
    }

    public WorkerSocket Socket { get; }

    public CancellationToken Ending => _ending.Token;

    /// <summary>TimeProvider timestamp of the last message from the server.</summary>
    public long LastHeard
    {
        get => Interlocked.Read(ref _lastHeard);
        set => Interlocked.Exchange(ref _lastHeard, value);
    }

    public long LastPong { get; set; }

    public void Send(WorkerMessage message)
    {
        if (!_outbound.Writer.TryWrite((message, null)) && !_ending.IsCancellationRequested)
        {
            _ = EndAsync();
        }
    }

    /// <summary>Queues <paramref name="message"/> and completes once it was written to the socket (or was dropped).</summary>
    public async Task SendAndWaitAsync(WorkerMessage message, CancellationToken cancellationToken)
    {
        var sent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_outbound.Writer.TryWrite((message, sent)))
        {
            return;
        }

        await sent.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the session (its receive loop stops).</summary>
    public async Task EndAsync()
    {
        _outbound.Writer.TryComplete();
        try
        {
            await _ending.CancelAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // Already over.
        }
    }

    /// <summary>Lets the queued messages go out (bounded by the socket), then stops the send loop.</summary>
    public async Task StopAsync()
    {
        _outbound.Writer.TryComplete();
        await _sender.ConfigureAwait(false);
    }

    private async Task SendLoopAsync()
    {
        try
        {
            await foreach (var (message, sent) in _outbound.Reader.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                try
                {
                    await Socket.SendAsync(message, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    sent?.TrySetResult();
                }
            }
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The connection is broken: end the session so the worker reconnects; waiting senders are released.
            await EndAsync().ConfigureAwait(false);
            while (_outbound.Reader.TryRead(out var dropped))
            {
                dropped.Sent?.TrySetResult();
            }
        }
    }
}
