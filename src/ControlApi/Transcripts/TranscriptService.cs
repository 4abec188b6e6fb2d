using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Auth;
using WarmTransfer.ControlApi.Events;
using WarmTransfer.ControlApi.Rooms;
using WarmTransfer.ControlApi.Transfers;

namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>
/// Receives the worker's transcript segments for a room, keeps final ones (in the store or in memory, per
/// <see cref="TranscriptOptions.Retention"/>), and pushes every line to the consoles of the call's agents.
/// </summary>
internal sealed class TranscriptService(
    ITranscriptStore store,
    IRoomStore rooms,
    ITransferStore transfers,
    AgentDirectory directory,
    AgentEventHub events,
    IOptions<TranscriptOptions> options,
    TimeProvider time)
{
    /// <summary>Adds segments to an open room's transcript; false when the room is not open.</summary>
    public async Task<bool> AddAsync(string room, IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken)
    {
        var record = await rooms.GetAsync(room, cancellationToken).ConfigureAwait(false);
        if (record is not { IsOpen: true })
        {
            return false;
        }

        var finals = segments.Where(s => s.Final).ToList();
        if (finals.Count > 0)
        {
            await store.UpsertAsync(finals, cancellationToken).ConfigureAwait(false);
        }

        var active = record.Kind == RoomKind.Call
            ? await transfers.FindActiveByCallRoomAsync(room, cancellationToken).ConfigureAwait(false)
            : record.TransferId is null ? null : await transfers.GetAsync(record.TransferId, cancellationToken).ConfigureAwait(false);
        string?[] audience = [record.Agent, active?.FromAgent, active?.ToAgent];
        var persist = options.Value.Retention == TranscriptRetention.KeepWithTransfer;
        foreach (var segment in segments)
        {
            await events.PublishAsync(audience, AgentEventTypes.TranscriptLine, active?.Id, ToLine(segment, record), persist && segment.Final, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    public async Task<IReadOnlyList<TranscriptLine>> GetAsync(string room, CancellationToken cancellationToken)
    {
        var record = await rooms.GetAsync(room, cancellationToken).ConfigureAwait(false);
        var segments = await store.GetAsync(room, cancellationToken).ConfigureAwait(false);
        return [.. segments.Select(s => ToLine(s, record))];
    }

    public TranscriptSegment Segment(string room, string id, string speaker, string text, bool final, long? startMs, long? endMs) =>
        new(room, id, speaker, text, final, startMs, endMs, time.GetUtcNow());

    private TranscriptLine ToLine(TranscriptSegment segment, RoomRecord? room) => new(
        segment.Room,
        segment.SegmentId,
        segment.Speaker,
        segment.Speaker == room?.Caller ? "caller" : directory.IsAgent(segment.Speaker) ? "agent" : "unknown",
        segment.Text,
        segment.Final,
        segment.StartMs,
        segment.EndMs,
        segment.ReceivedAt);
}
