namespace LiveKit.Rtc;

/// <summary>The header of a text stream (LiveKit data streams), e.g. one transcription segment on topic <c>lk.transcription</c>.</summary>
/// <param name="Id">Stream id; updates of the same text reuse it.</param>
/// <param name="Topic">What the stream is about; receivers filter on it.</param>
/// <param name="Timestamp">When the sender opened the stream.</param>
/// <param name="MimeType">Usually text/plain.</param>
/// <param name="Attributes">Sender-defined attributes (for transcriptions: lk.transcribed_participant_identity, lk.segment_id, lk.transcription_final).</param>
/// <param name="TotalLength">Length in bytes when known up front.</param>
/// <param name="Generated">True when an agent generated the text from audio.</param>
public sealed record TextStreamInfo(
    string Id,
    string Topic,
    DateTimeOffset Timestamp,
    string MimeType,
    IReadOnlyDictionary<string, string> Attributes,
    long? TotalLength,
    bool Generated);
