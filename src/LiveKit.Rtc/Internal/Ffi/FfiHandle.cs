using System.Runtime.InteropServices;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// One handle owned by us (an <c>FfiOwnedHandle</c> id), released exactly once with livekit_ffi_drop_handle.
/// </summary>
/// <remarks>
/// A child handle (a participant, publication or track of a room) holds a reference on its parent, so the
/// parent is dropped only after all its children, whatever order callers dispose them in.
/// Some handles are consumed by the core (a text stream reader after a read request, a writer after close):
/// <see cref="MarkConsumed"/> forgets them without dropping. <see cref="LiveCount"/> counts handles not yet
/// released or consumed; tests and diagnostics read it to prove nothing leaks.
/// </remarks>
internal sealed class FfiHandle : SafeHandle
{
    private static long s_liveCount;
    private readonly FfiHandle? _parent;
    private int _settled;

    public FfiHandle(ulong id, FfiHandle? parent = null)
        : base(invalidHandleValue: 0, ownsHandle: true)
    {
        ArgumentOutOfRangeException.ThrowIfZero(id);
        if (parent is not null)
        {
            bool added = false;
            parent.DangerousAddRef(ref added);
            _parent = parent;
        }
        SetHandle(unchecked((nint)id));
        Interlocked.Increment(ref s_liveCount);
    }

    /// <summary>Handles created and not yet released or consumed, process-wide.</summary>
    public static long LiveCount => Interlocked.Read(ref s_liveCount);

    public ulong Id => unchecked((ulong)handle);

    public override bool IsInvalid => handle == 0;

    /// <summary>
    /// Keeps the handle from being released while a request uses its id; throws <see cref="ObjectDisposedException"/>
    /// when it is already disposed. Dispose the lease when the request has been sent.
    /// </summary>
    public Lease Acquire(object owner)
    {
        bool added = false;
        try
        {
            DangerousAddRef(ref added);
        }
        catch (ObjectDisposedException)
        {
            ThrowHelper.ThrowObjectDisposed(owner);
        }
        return new Lease(this);
    }

    /// <summary>The core took ownership (e.g. a text stream reader once read): never drop it.</summary>
    public void MarkConsumed()
    {
        if (Settle())
        {
            SetHandleAsInvalid();
        }
    }

    protected override bool ReleaseHandle()
    {
        if (Settle())
        {
            // The core logs a warning when the id is unknown (already gone with its room); nothing to do then.
            NativeMethods.DropHandle(Id);
        }
        return true;
    }

    private bool Settle()
    {
        if (Interlocked.Exchange(ref _settled, 1) != 0)
        {
            return false;
        }
        Interlocked.Decrement(ref s_liveCount);
        _parent?.DangerousRelease();
        return true;
    }

    /// <summary>A reference on an <see cref="FfiHandle"/> held for the duration of a request.</summary>
    public readonly ref struct Lease(FfiHandle handle)
    {
        public ulong Id => handle.Id;

        public void Dispose() => handle.DangerousRelease();
    }
}
