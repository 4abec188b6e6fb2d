namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// The fields of an <c>FfiEvent.audio_stream_event</c> that the receive path needs, read without allocating
/// (the hot path: one event per 10 ms per stream).
/// </summary>
internal readonly record struct AudioStreamEventView(
    ulong StreamHandle,
    bool IsEndOfStream,
    ulong FrameHandle,
    ulong DataPointer,
    uint NumChannels,
    uint SampleRate,
    uint SamplesPerChannel)
{
    // FfiEvent.audio_stream_event = 4; AudioStreamEvent: stream_handle = 1, frame_received = 2, eos = 3;
    // AudioFrameReceived.frame = 1; OwnedAudioFrameBuffer: handle = 1, info = 2; FfiOwnedHandle.id = 1;
    // AudioFrameBufferInfo: data_ptr = 1, num_channels = 2, sample_rate = 3, samples_per_channel = 4.
    private const int FfiEventAudioStreamEvent = 4;

    /// <summary>
    /// Parses <paramref name="ffiEvent"/> when it is an audio stream event. Returns false when it is another
    /// kind of event or malformed; the caller then falls back to the full parser.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> ffiEvent, out AudioStreamEventView view)
    {
        view = default;
        var reader = new ProtoWireReader(ffiEvent);
        if (!reader.TryReadTag(out int field, out int wire) || field != FfiEventAudioStreamEvent
            || wire != ProtoWireReader.WireLengthDelimited || !reader.TryReadLengthDelimited(out var body) || !reader.End)
        {
            return false;
        }

        ulong streamHandle = 0;
        bool eos = false;
        ReadOnlySpan<byte> frameReceived = default;
        bool hasFrame = false;
        var ev = new ProtoWireReader(body);
        while (!ev.End)
        {
            if (!ev.TryReadTag(out field, out wire))
            {
                return false;
            }
            switch (field, wire)
            {
                case (1, ProtoWireReader.WireVarint):
                    if (!ev.TryReadVarint(out streamHandle)) return false;
                    break;
                case (2, ProtoWireReader.WireLengthDelimited):
                    if (!ev.TryReadLengthDelimited(out frameReceived)) return false;
                    hasFrame = true;
                    eos = false;
                    break;
                case (3, ProtoWireReader.WireLengthDelimited):
                    if (!ev.TryReadLengthDelimited(out _)) return false;
                    eos = true;
                    hasFrame = false;
                    break;
                default:
                    if (!ev.TrySkip(wire)) return false;
                    break;
            }
        }

        if (eos)
        {
            view = new AudioStreamEventView(streamHandle, true, 0, 0, 0, 0, 0);
            return true;
        }
        if (!hasFrame || !TryReadOwnedBuffer(frameReceived, out ulong frameHandle, out ulong data, out uint channels, out uint rate, out uint samples))
        {
            return false;
        }
        view = new AudioStreamEventView(streamHandle, false, frameHandle, data, channels, rate, samples);
        return true;
    }

    private static bool TryReadOwnedBuffer(ReadOnlySpan<byte> frameReceived, out ulong frameHandle, out ulong data,
        out uint channels, out uint rate, out uint samples)
    {
        frameHandle = data = 0;
        channels = rate = samples = 0;
        ReadOnlySpan<byte> owned = default;
        var fr = new ProtoWireReader(frameReceived);
        while (!fr.End)
        {
            if (!fr.TryReadTag(out int field, out int wire)) return false;
            if (field == 1 && wire == ProtoWireReader.WireLengthDelimited)
            {
                if (!fr.TryReadLengthDelimited(out owned)) return false;
            }
            else if (!fr.TrySkip(wire))
            {
                return false;
            }
        }

        var ob = new ProtoWireReader(owned);
        while (!ob.End)
        {
            if (!ob.TryReadTag(out int field, out int wire)) return false;
            switch (field, wire)
            {
                case (1, ProtoWireReader.WireLengthDelimited):
                    if (!ob.TryReadLengthDelimited(out var handle) || !TryReadSingleVarint(handle, 1, out frameHandle)) return false;
                    break;
                case (2, ProtoWireReader.WireLengthDelimited):
                    if (!ob.TryReadLengthDelimited(out var info) || !TryReadBufferInfo(info, out data, out channels, out rate, out samples)) return false;
                    break;
                default:
                    if (!ob.TrySkip(wire)) return false;
                    break;
            }
        }
        return frameHandle != 0;
    }

    private static bool TryReadBufferInfo(ReadOnlySpan<byte> info, out ulong data, out uint channels, out uint rate, out uint samples)
    {
        data = 0;
        channels = rate = samples = 0;
        var r = new ProtoWireReader(info);
        while (!r.End)
        {
            if (!r.TryReadTag(out int field, out int wire)) return false;
            if (wire != ProtoWireReader.WireVarint)
            {
                if (!r.TrySkip(wire)) return false;
                continue;
            }
            if (!r.TryReadVarint(out ulong value)) return false;
            switch (field)
            {
                case 1: data = value; break;
                case 2: channels = (uint)value; break;
                case 3: rate = (uint)value; break;
                case 4: samples = (uint)value; break;
            }
        }
        return true;
    }

    private static bool TryReadSingleVarint(ReadOnlySpan<byte> message, int wantedField, out ulong value)
    {
        value = 0;
        var r = new ProtoWireReader(message);
        while (!r.End)
        {
            if (!r.TryReadTag(out int field, out int wire)) return false;
            if (field == wantedField && wire == ProtoWireReader.WireVarint)
            {
                if (!r.TryReadVarint(out value)) return false;
            }
            else if (!r.TrySkip(wire))
            {
                return false;
            }
        }
        return true;
    }
}
