using Google.Protobuf;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Tests.Internal.Ffi;

public sealed class AudioStreamEventViewTests
{
    private static FfiEvent FrameEvent(ulong stream = 7, ulong handle = 1234567890123, ulong data = 0x7fff_dead_beef, uint channels = 2, uint rate = 48000, uint samples = 480)
        => new()
        {
            AudioStreamEvent = new AudioStreamEvent
            {
                StreamHandle = stream,
                FrameReceived = new AudioFrameReceived
                {
                    Frame = new OwnedAudioFrameBuffer
                    {
                        Handle = new FfiOwnedHandle { Id = handle },
                        Info = new AudioFrameBufferInfo { DataPtr = data, NumChannels = channels, SampleRate = rate, SamplesPerChannel = samples },
                    },
                },
            },
        };

    [Fact]
    public void TryParse_FrameEventFromGoogleProtobuf_ReadsEveryField()
    {
        byte[] bytes = FrameEvent().ToByteArray();

        Assert.True(AudioStreamEventView.TryParse(bytes, out var view));

        Assert.Equal(new AudioStreamEventView(7, false, 1234567890123, 0x7fff_dead_beef, 2, 48000, 480), view);
    }

    [Fact]
    public void TryParse_EndOfStream_ReportsIt()
    {
        byte[] bytes = new FfiEvent { AudioStreamEvent = new AudioStreamEvent { StreamHandle = 99, Eos = new AudioStreamEOS() } }.ToByteArray();

        Assert.True(AudioStreamEventView.TryParse(bytes, out var view));

        Assert.True(view.IsEndOfStream);
        Assert.Equal(99UL, view.StreamHandle);
    }

    [Fact]
    public void TryParse_OtherEvent_ReturnsFalseSoTheFullParserRuns()
    {
        byte[] bytes = new FfiEvent { CaptureAudioFrame = new CaptureAudioFrameCallback { AsyncId = 4 } }.ToByteArray();

        Assert.False(AudioStreamEventView.TryParse(bytes, out _));
    }

    [Fact]
    public void TryParse_EveryTruncation_ReturnsFalseWithoutThrowing()
    {
        byte[] bytes = FrameEvent().ToByteArray();

        for (int length = 0; length < bytes.Length; length++)
        {
            Assert.False(AudioStreamEventView.TryParse(bytes.AsSpan(0, length), out _));
        }
    }

    [Fact]
    public void TryParse_UnknownFieldsAndReversedOrder_StillReadsTheKnownFields()
    {
        // AudioFrameBufferInfo with fields reversed plus an unknown fixed64 (field 9) and string (field 10).
        var info = new List<byte>();
        info.AddRange([0x20, 0xE0, 0x03]);          // samples_per_channel = 480
        info.AddRange([0x18, 0x80, 0x7D]);          // sample_rate = 16000
        info.AddRange([0x10, 0x01]);                // num_channels = 1
        info.AddRange([0x49, 1, 2, 3, 4, 5, 6, 7, 8]); // field 9, fixed64
        info.AddRange([0x52, 0x02, (byte)'h', (byte)'i']); // field 10, bytes
        info.AddRange([0x08, 0x2A]);                // data_ptr = 42
        byte[] handle = [0x08, 0x05];               // id = 5
        var owned = new List<byte> { 0x12, (byte)info.Count };
        owned.AddRange(info);
        owned.AddRange([0x0A, (byte)handle.Length]);
        owned.AddRange(handle);
        var received = new List<byte> { 0x0A, (byte)owned.Count };
        received.AddRange(owned);
        var ev = new List<byte> { 0x12, (byte)received.Count };
        ev.AddRange(received);
        ev.AddRange([0x08, 0x03]);                  // stream_handle = 3, after the frame
        var ffi = new List<byte> { 0x22, (byte)ev.Count };
        ffi.AddRange(ev);

        Assert.True(AudioStreamEventView.TryParse(ffi.ToArray(), out var view));

        Assert.Equal(new AudioStreamEventView(3, false, 5, 42, 1, 16000, 480), view);
        // And Google.Protobuf agrees on the same bytes.
        var parsed = FfiEvent.Parser.ParseFrom(ffi.ToArray()).AudioStreamEvent;
        Assert.Equal(3UL, parsed.StreamHandle);
        Assert.Equal(480U, parsed.FrameReceived.Frame.Info.SamplesPerChannel);
    }
}
