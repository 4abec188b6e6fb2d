using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// An async request waiting for its callback. Registered under its async id before the request is sent
/// (the callback can arrive on a core thread before livekit_ffi_request even returns).
/// </summary>
/// <remarks>
/// Cancelling completes the task at once but keeps the entry: the callback still arrives later and may carry
/// owned handles (a room, a publication). It is then handed to <see cref="OrphanHandler"/>, or its handles are
/// dropped, on the thread pool, never on the core's callback thread.
/// </remarks>
internal sealed class PendingCall
{
    private CancellationTokenRegistration _registration;

    public PendingCall(ulong asyncId, FfiRequest.MessageOneofCase kind, Action<FfiEvent>? orphanHandler)
    {
        AsyncId = asyncId;
        Kind = kind;
        OrphanHandler = orphanHandler;
    }

    public ulong AsyncId { get; }

    public FfiRequest.MessageOneofCase Kind { get; }

    /// <summary>Continuations run on the thread pool: the completing thread is the core's.</summary>
    public TaskCompletionSource<FfiEvent> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Takes over a callback that arrives after cancellation (e.g. disconnects a room nobody awaits).</summary>
    public Action<FfiEvent>? OrphanHandler { get; }

    public void RegisterCancellation(CancellationToken cancellationToken)
    {
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static (state, token) => ((PendingCall)state!).Completion.TrySetCanceled(token), this);
        }
    }

    /// <summary>Called once, with the callback; returns false when nobody awaits it any more.</summary>
    public bool TryComplete(FfiEvent ffiEvent)
    {
        // Unregister (not Dispose): never wait on the core's thread for a racing cancellation callback.
        _registration.Unregister();
        return Completion.TrySetResult(ffiEvent);
    }

    public void Fail(Exception exception)
    {
        _registration.Unregister();
        Completion.TrySetException(exception);
    }
}
