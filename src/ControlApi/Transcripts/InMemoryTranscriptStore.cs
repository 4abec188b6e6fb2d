using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Transcripts;

/// <summary>
/// Transcripts held in memory only (<see cref="TranscriptRetention.Off"/>): bounded per room, gone when the call room
/// closes or the process stops, never written to disk.
/// </summary>
internal sealed class InMemoryTranscriptStore(IOptions<TranscriptOptions> options) : ITranscriptStore
{
    private readonly ConcurrentDictionary<string, List<TranscriptSegment>> _rooms = new(StringComparer.Ordinal);

    public Task UpsertAsync(IReadOnlyList<TranscriptSegment> segments, CancellationToken cancellationToken)
    {
        foreach (var segment in segments)
        {
            var list = _rooms.GetOrAdd(segment.Room, _ => []);
            lock (list)
            {
                var index = list.FindIndex(s => s.SegmentId == segment.SegmentId);
                if (index >= 0)
                {
                    list[index] = segment;
                }
                else
                {
                    list.Add(segment);
                    if (list.Count > options.Value.MaxSegmentsInMemory)
                    {
                        list.RemoveAt(0);
                    }
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<TranscriptSegment>> GetAsync(string room, CancellationToken cancellationToken)
    {
        if (!_rooms.TryGetValue(room, out var list))
        {
            return Task.FromResult<IReadOnlyList<TranscriptSegment>>([]);
        }

        lock (list)
        {
            return Task.FromResult<IReadOnlyList<TranscriptSegment>>([.. list]);
        }
    }

    public Task ForgetUnlessTransferredAsync(string room, CancellationToken cancellationToken)
    {
        // Retention is off: nothing outlives the call, transferred or not.
        _rooms.TryRemove(room, out _);
        return Task.CompletedTask;
    }
}
