using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

public sealed class FfiClientTests
{
    [Fact]
    public void Request_UnknownHandle_ThrowsWithTheReasonTheCoreLogged()
    {
        var client = FfiClient.Instance;

        var ex = Assert.Throws<RtcException>(() => client.Request(new FfiRequest
        {
            ClearAudioBuffer = new ClearAudioBufferRequest { SourceHandle = 987_654_321 },
        }));

        Assert.Contains("ClearAudioBuffer", ex.Message, StringComparison.Ordinal);
        Assert.Contains("handle not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequestAsync_RequestRejected_RemovesThePendingCallAndThrows()
    {
        var client = FfiClient.Instance;
        int pendingBefore = client.Dispatcher.PendingCount;
        ulong asyncId = client.NextAsyncId();
        var request = new FfiRequest
        {
            CaptureAudioFrame = new CaptureAudioFrameRequest
            {
                SourceHandle = 987_654_322,
                RequestAsyncId = asyncId,
                Buffer = new AudioFrameBufferInfo { DataPtr = 0, NumChannels = 1, SampleRate = 48000, SamplesPerChannel = 0 },
            },
        };

        Assert.Throws<RtcException>(() => { _ = client.RequestAsync(request, asyncId, CancellationToken.None); });

        Assert.Equal(pendingBefore, client.Dispatcher.PendingCount);
    }

    [Fact]
    public async Task RequestAsync_AlreadyCancelled_SendsNothing()
    {
        var client = FfiClient.Instance;
        int pendingBefore = client.Dispatcher.PendingCount;

        var task = client.RequestAsync(new FfiRequest(), client.NextAsyncId(), new CancellationToken(canceled: true));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
        Assert.Equal(pendingBefore, client.Dispatcher.PendingCount);
    }
}
