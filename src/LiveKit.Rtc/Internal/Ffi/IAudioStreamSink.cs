namespace LiveKit.Rtc.Internal.Ffi;

/// <summary>
/// Receives the frames of one audio stream handle. Called on a core thread: must not block or throw, and
/// must drop (or hand over) the frame's buffer handle.
/// </summary>
internal interface IAudioStreamSink
{
    void OnFrame(in AudioStreamEventView frame);

    void OnEndOfStream();
}
