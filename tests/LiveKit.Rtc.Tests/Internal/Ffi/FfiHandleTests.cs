using LiveKit.Rtc.Internal.Ffi;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

public sealed class FfiHandleTests
{
    [Fact]
    public void Dispose_Twice_ReleasesOnce()
    {
        long before = FfiHandle.LiveCount;
        var source = new AudioSource(48000, 1);
        Assert.Equal(before + 1, FfiHandle.LiveCount);

        source.Dispose();
        source.Dispose();

        Assert.Equal(before, FfiHandle.LiveCount);
    }

    [Fact]
    public void Child_ParentDisposedFirst_ParentReleasedOnlyAfterChild()
    {
        long before = FfiHandle.LiveCount;
        using var a = new AudioSource(48000, 1);
        using var b = new AudioSource(48000, 1);
        // Re-wrap b's native handle as a child of a's: the native drop happens when the wrapper is released.
        var parent = a.Handle;
        var child = new FfiHandle(b.Handle.Id, parent);
        b.Handle.MarkConsumed();
        Assert.Equal(before + 2, FfiHandle.LiveCount);

        parent.Dispose();
        Assert.Equal(before + 2, FfiHandle.LiveCount); // deferred: the child holds a reference

        child.Dispose();
        Assert.Equal(before, FfiHandle.LiveCount);
    }

    [Fact]
    public void MarkConsumed_ThenDispose_NeverDropsAndCountsOnce()
    {
        long before = FfiHandle.LiveCount;
        var source = new AudioSource(48000, 1);
        ulong id = source.Handle.Id;

        source.Handle.MarkConsumed();
        source.Dispose();

        Assert.Equal(before, FfiHandle.LiveCount);
        // The native object still exists: dropping it now succeeds exactly once.
        Assert.True(NativeMethods.DropHandle(id));
        Assert.False(NativeMethods.DropHandle(id));
    }

    [Fact]
    public void Acquire_AfterDispose_ThrowsObjectDisposed()
    {
        var source = new AudioSource(48000, 1);
        source.Dispose();

        Assert.Throws<ObjectDisposedException>(() => source.ClearQueue());
    }
}
