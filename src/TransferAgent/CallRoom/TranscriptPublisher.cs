using LiveKit.Rtc;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.SpeechToText;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>
/// Sends each final transcript segment to the agents in the room, as a LiveKit transcription text stream (topic
/// <c>lk.transcription</c>, attributes <c>lk.transcribed_participant_identity</c>, <c>lk.segment_id</c>,
/// <c>lk.transcription_final</c>, plus <c>wt.speaker_role</c>), and to the control API (<c>POST /api/worker/transcripts</c>).
/// </summary>
/// <remarks>
/// Segments from all speakers go out one at a time, in the order they were recognised. A failed send is logged and
/// dropped: a lost line must never stop the transcript (the other destination may still have it).
/// </remarks>
public sealed partial class TranscriptPublisher(Room room, IControlPlaneClient controlPlane, string callRoom, ILogger<TranscriptPublisher> logger) : IDisposable
{
    public const string Topic = "lk.transcription";
    public const string ParticipantAttribute = "lk.transcribed_participant_identity";
    public const string SegmentAttribute = "lk.segment_id";
    public const string FinalAttribute = "lk.transcription_final";
    public const string RoleAttribute = "wt.speaker_role";

    private readonly SemaphoreSlim _order = new(1, 1);

    /// <summary>Final segments published so far (to the room or the control API).</summary>
    public int Published { get; private set; }

    public async Task PublishAsync(string speakerIdentity, SpeakerRole role, TranscriptEvent segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        await _order.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            string roleName = role == SpeakerRole.Caller ? "caller" : "agent";
            LogSegment(logger, segment.SegmentId, roleName, speakerIdentity, segment.Text);
            bool sent = false;
            try
            {
                var attributes = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [ParticipantAttribute] = speakerIdentity,
                    [SegmentAttribute] = segment.SegmentId,
                    [FinalAttribute] = "true",
                    [RoleAttribute] = roleName,
                };
                await room.LocalParticipant.SendTextAsync(segment.Text, Topic, new TextStreamOptions { Attributes = attributes, Generated = true }, cancellationToken).ConfigureAwait(false);
                sent = true;
            }
            catch (Exception e) when (e is RtcException or InvalidOperationException or ObjectDisposedException)
            {
                LogRoomSendFailed(logger, segment.SegmentId, e.Message);
            }

            try
            {
                await controlPlane.PostTranscriptAsync(
                    callRoom,
                    [new TranscriptSegment(segment.SegmentId, speakerIdentity, segment.Text, true, (long)segment.Start.TotalMilliseconds, (long)segment.End.TotalMilliseconds)],
                    cancellationToken).ConfigureAwait(false);
                sent = true;
            }
            catch (Exception e) when (e is ControlApiException or HttpRequestException)
            {
                LogPostFailed(logger, segment.SegmentId, e.Message);
            }

            if (sent)
            {
                Published++;
            }
        }
        finally
        {
            _order.Release();
        }
    }

    public void Dispose() => _order.Dispose();

    [LoggerMessage(EventId = 4300, Level = LogLevel.Trace, Message = "Segment {SegmentId} ({Role} {Identity}): {Text}")]
    private static partial void LogSegment(ILogger logger, string segmentId, string role, string identity, string text);

    [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "Segment {SegmentId} could not be sent into the room: {Reason}")]
    private static partial void LogRoomSendFailed(ILogger logger, string segmentId, string reason);

    [LoggerMessage(EventId = 4302, Level = LogLevel.Warning, Message = "Segment {SegmentId} could not be posted to the control API: {Reason}")]
    private static partial void LogPostFailed(ILogger logger, string segmentId, string reason);
}
