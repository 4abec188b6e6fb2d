using System.Collections.Concurrent;
using LiveKit.Rtc.Internal.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Routes what the core sends: callbacks to the <see cref="PendingCall"/> registered under their async id,
/// room events to the room registered under their room handle, frames to their audio stream, reader events
/// to their text stream reader, logs to <see cref="NativeLogForwarder"/>.
/// </summary>
/// <remarks>
/// Everything here runs on the core's threads (tokio workers, livekit-audio) concurrently: it only looks
/// things up in concurrent dictionaries and hands over; it never blocks, never throws to the caller, and
/// never calls back into the core except to drop handles nobody will take.
/// </remarks>
internal sealed class FfiDispatcher
{
    private readonly ConcurrentDictionary<ulong, PendingCall> _pending = new();
    private readonly ConcurrentDictionary<ulong, IRoomEventSink> _rooms = new();
    private readonly ConcurrentDictionary<ulong, IAudioStreamSink> _audioStreams = new();
    private readonly ConcurrentDictionary<ulong, ITextStreamReaderSink> _textReaders = new();
    private readonly Func<ulong, bool> _dropHandle;
    private readonly NativeLogForwarder _logs;
    private readonly ILogger _logger;
    private long _unroutedEvents;

    public FfiDispatcher(Func<ulong, bool> dropHandle, NativeLogForwarder logs, ILogger logger)
    {
        _dropHandle = dropHandle;
        _logs = logs;
        _logger = logger;
    }

    /// <summary>Events that found no receiver (their handles were dropped).</summary>
    public long UnroutedEvents => Interlocked.Read(ref _unroutedEvents);

    public int PendingCount => _pending.Count;

    public void AddPending(PendingCall call)
    {
        if (!_pending.TryAdd(call.AsyncId, call))
        {
            throw new InvalidOperationException($"async id {call.AsyncId} is already pending");
        }
    }

    public bool RemovePending(ulong asyncId) => _pending.TryRemove(asyncId, out _);

    public void AddRoom(ulong roomHandle, IRoomEventSink sink) => _rooms[roomHandle] = sink;

    public void RemoveRoom(ulong roomHandle) => _rooms.TryRemove(roomHandle, out _);

    public void AddAudioStream(ulong streamHandle, IAudioStreamSink sink) => _audioStreams[streamHandle] = sink;

    public void RemoveAudioStream(ulong streamHandle) => _audioStreams.TryRemove(streamHandle, out _);

    public void AddTextReader(ulong readerHandle, ITextStreamReaderSink sink) => _textReaders[readerHandle] = sink;

    public void RemoveTextReader(ulong readerHandle) => _textReaders.TryRemove(readerHandle, out _);

    /// <summary>The routing method behind the native callback; tests call it with serialized events.</summary>
    public void Route(ReadOnlySpan<byte> data)
    {
        // Hot path first: audio frames are read without allocating.
        if (AudioStreamEventView.TryParse(data, out var view))
        {
            RouteAudio(in view);
            return;
        }

        // Log batches (every level, all the time) are filtered before their strings are allocated.
        if (LogBatchView.TryForward(data, _logs))
        {
            return;
        }

        FfiEvent ffiEvent;
        try
        {
            ffiEvent = FfiEvent.Parser.ParseFrom(data);
        }
        catch (Google.Protobuf.InvalidProtocolBufferException ex)
        {
            Log.UnparsableEvent(_logger, data.Length, ex);
            return;
        }
        Route(ffiEvent);
    }

    public void Route(FfiEvent ffiEvent)
    {
        switch (ffiEvent.MessageCase)
        {
            case FfiEvent.MessageOneofCase.Logs:
                _logs.Forward(ffiEvent.Logs);
                return;
            case FfiEvent.MessageOneofCase.Panic:
                Log.NativePanic(_logger, ffiEvent.Panic.Message);
                return;
            case FfiEvent.MessageOneofCase.RoomEvent:
                if (_rooms.TryGetValue(ffiEvent.RoomEvent.RoomHandle, out var room))
                {
                    room.OnRoomEvent(ffiEvent.RoomEvent);
                    return;
                }
                break;
            case FfiEvent.MessageOneofCase.AudioStreamEvent:
                // Reached only when the fast path could not read it; same routing.
                var ase = ffiEvent.AudioStreamEvent;
                if (_audioStreams.TryGetValue(ase.StreamHandle, out var stream))
                {
                    if (ase.MessageCase == AudioStreamEvent.MessageOneofCase.Eos)
                    {
                        stream.OnEndOfStream();
                        return;
                    }
                    var f = ase.FrameReceived.Frame;
                    var v = new AudioStreamEventView(ase.StreamHandle, false, f.Handle.Id, f.Info.DataPtr, f.Info.NumChannels, f.Info.SampleRate, f.Info.SamplesPerChannel);
                    stream.OnFrame(in v);
                    return;
                }
                break;
            case FfiEvent.MessageOneofCase.TextStreamReaderEvent:
                if (_textReaders.TryGetValue(ffiEvent.TextStreamReaderEvent.ReaderHandle, out var reader))
                {
                    reader.OnReaderEvent(ffiEvent.TextStreamReaderEvent);
                    return;
                }
                break;
            case FfiEvent.MessageOneofCase.TrackEvent:
            case FfiEvent.MessageOneofCase.None:
                return;
            default:
                if (TryGetAsyncId(ffiEvent, out ulong asyncId))
                {
                    CompletePending(asyncId, ffiEvent);
                    return;
                }
                break;
        }
        DropUnrouted(ffiEvent);
    }

    private void RouteAudio(in AudioStreamEventView view)
    {
        if (_audioStreams.TryGetValue(view.StreamHandle, out var stream))
        {
            if (view.IsEndOfStream)
            {
                stream.OnEndOfStream();
            }
            else
            {
                stream.OnFrame(in view);
            }
            return;
        }
        // A frame can still arrive after its stream was closed; its buffer is ours to drop.
        Interlocked.Increment(ref _unroutedEvents);
        if (!view.IsEndOfStream)
        {
            _dropHandle(view.FrameHandle);
        }
    }

    private void CompletePending(ulong asyncId, FfiEvent ffiEvent)
    {
        if (!_pending.TryRemove(asyncId, out var call))
        {
            DropUnrouted(ffiEvent);
            return;
        }
        if (call.TryComplete(ffiEvent))
        {
            return;
        }
        // Cancelled meanwhile: whatever the callback carries is released off the core's thread.
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var (self, pending, evt) = state;
                try
                {
                    if (pending.OrphanHandler is { } handler)
                    {
                        handler(evt);
                    }
                    else
                    {
                        self.DropAll(evt);
                    }
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    Log.OrphanHandlerFailed(self._logger, pending.Kind, ex);
                }
            },
            (this, call, ffiEvent),
            preferLocal: false);
    }

    private void DropUnrouted(FfiEvent ffiEvent)
    {
        Interlocked.Increment(ref _unroutedEvents);
        Log.UnroutedEvent(_logger, ffiEvent.MessageCase);
        DropAll(ffiEvent);
    }

    public void DropAll(FfiEvent ffiEvent)
    {
        foreach (ulong id in OwnedHandles.Of(ffiEvent))
        {
            _dropHandle(id);
        }
    }

    /// <summary>Fails every pending call (used when the core reports a panic that ends the process' use of it).</summary>
    public void FailAll(Exception exception)
    {
        foreach (var key in _pending.Keys)
        {
            if (_pending.TryRemove(key, out var call))
            {
                call.Fail(exception);
            }
        }
    }

    private static bool TryGetAsyncId(FfiEvent e, out ulong asyncId)
    {
        asyncId = e.MessageCase switch
        {
            FfiEvent.MessageOneofCase.Connect => e.Connect.AsyncId,
            FfiEvent.MessageOneofCase.Disconnect => e.Disconnect.AsyncId,
            FfiEvent.MessageOneofCase.Dispose => e.Dispose.AsyncId,
            FfiEvent.MessageOneofCase.PublishTrack => e.PublishTrack.AsyncId,
            FfiEvent.MessageOneofCase.UnpublishTrack => e.UnpublishTrack.AsyncId,
            FfiEvent.MessageOneofCase.PublishData => e.PublishData.AsyncId,
            FfiEvent.MessageOneofCase.CaptureAudioFrame => e.CaptureAudioFrame.AsyncId,
            FfiEvent.MessageOneofCase.SetLocalMetadata => e.SetLocalMetadata.AsyncId,
            FfiEvent.MessageOneofCase.SetLocalName => e.SetLocalName.AsyncId,
            FfiEvent.MessageOneofCase.SetLocalAttributes => e.SetLocalAttributes.AsyncId,
            FfiEvent.MessageOneofCase.TextStreamReaderReadAll => e.TextStreamReaderReadAll.AsyncId,
            FfiEvent.MessageOneofCase.TextStreamOpen => e.TextStreamOpen.AsyncId,
            FfiEvent.MessageOneofCase.TextStreamWriterWrite => e.TextStreamWriterWrite.AsyncId,
            FfiEvent.MessageOneofCase.TextStreamWriterClose => e.TextStreamWriterClose.AsyncId,
            FfiEvent.MessageOneofCase.SendText => e.SendText.AsyncId,
            _ => 0,
        };
        return asyncId != 0;
    }
}
