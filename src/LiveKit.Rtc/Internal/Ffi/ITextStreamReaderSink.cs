using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>Receives the incremental events of one text stream reader. Called on a core thread: must not block or throw.</summary>
internal interface ITextStreamReaderSink
{
    void OnReaderEvent(TextStreamReaderEvent readerEvent);
}
