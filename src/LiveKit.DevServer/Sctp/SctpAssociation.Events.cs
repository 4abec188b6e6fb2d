using System.Buffers;

namespace LiveKit.DevServer.Sctp;

/// <summary>
/// Events are queued under the association lock and raised after it is released, by <see cref="DispatchEvents"/>,
/// one at a time in the order they happened, on whichever thread is dispatching (usually the one that produced them).
/// </summary>
internal sealed partial class SctpAssociation
{
    private readonly Queue<PendingEvent> _events = new();
    private readonly object _dispatchGate = new();
    private volatile int _dispatchingThread;

    /// <summary>A reassembled message, in order for ordered streams.</summary>
    public event SctpMessageHandler? MessageReceived;

    public event Action<SctpAssociation, SctpAssociationState>? StateChanged;

    /// <summary>The peer reset these streams (its outgoing, our incoming): the data channels on them are closing.</summary>
    public event Action<SctpAssociation, IReadOnlyList<ushort>>? IncomingStreamsReset;

    private enum EventKind
    {
        Message,
        State,
        StreamsReset,
    }

    private void EnqueueMessage(ushort streamId, uint ppid, byte[] buffer, int length) =>
        _events.Enqueue(new PendingEvent(EventKind.Message, streamId, ppid, buffer, length, default, null));

    private void EnqueueStateChanged(SctpAssociationState state) =>
        _events.Enqueue(new PendingEvent(EventKind.State, 0, 0, null, 0, state, null));

    private void EnqueueStreamsReset(ushort[] streams) =>
        _events.Enqueue(new PendingEvent(EventKind.StreamsReset, 0, 0, null, 0, default, streams));

    /// <summary>
    /// Raises queued events. Never blocks: if another thread is dispatching, it delivers ours too (it re-checks
    /// the queue after letting go), and a handler calling back into the association does not dispatch nested.
    /// </summary>
    private void DispatchEvents()
    {
        while (true)
        {
            if (_dispatchingThread == Environment.CurrentManagedThreadId || !Monitor.TryEnter(_dispatchGate))
            {
                return;
            }

            try
            {
                _dispatchingThread = Environment.CurrentManagedThreadId;
                DrainEvents();
            }
            finally
            {
                _dispatchingThread = 0;
                Monitor.Exit(_dispatchGate);
            }

            lock (_lock)
            {
                if (_events.Count == 0)
                {
                    return;
                }
            }
        }
    }

    private void DrainEvents()
    {
        while (true)
        {
            PendingEvent pending;
            lock (_lock)
            {
                if (!_events.TryDequeue(out pending))
                {
                    return;
                }
            }

            try
            {
                switch (pending.Kind)
                {
                    case EventKind.Message:
                        MessageReceived?.Invoke(pending.StreamId, pending.Ppid, pending.Buffer.AsSpan(0, pending.Length));
                        break;
                    case EventKind.State:
                        StateChanged?.Invoke(this, pending.State);
                        break;
                    case EventKind.StreamsReset:
                        IncomingStreamsReset?.Invoke(this, pending.Streams!);
                        break;
                }
            }
#pragma warning disable CA1031 // A subscriber's fault must not break the association or the thread feeding it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                SctpLog.HandlerFailed(_logger, ex);
            }
            finally
            {
                if (pending.Buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(pending.Buffer);
                }
            }
        }
    }

    private readonly record struct PendingEvent(EventKind Kind, ushort StreamId, uint Ppid, byte[]? Buffer, int Length,
        SctpAssociationState State, ushort[]? Streams);
}
