using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.Benchmarks.ControlApi;

/// <summary>
/// A LiveKit that answers every call at once and succeeds: the transfer-command benchmark measures the control
/// API itself (HTTP, auth, state machine, SQLite, events), not LiveKit's round trips. Counts the calls it got, so
/// the run can show the side effects really happened.
/// </summary>
internal sealed class NullLiveKitGateway : ILiveKitGateway
{
    private long _calls;

    public long Calls => Interlocked.Read(ref _calls);

    public Task CreateRoomAsync(string room, string metadata, TimeSpan emptyTimeout, CancellationToken cancellationToken) => Count();

    public Task<bool> DeleteRoomAsync(string room, CancellationToken cancellationToken) => Count(true);

    public Task<IReadOnlyList<LiveKitRoom>> ListRoomsAsync(CancellationToken cancellationToken) => Count<IReadOnlyList<LiveKitRoom>>([]);

    public Task<IReadOnlyList<LiveKitParticipant>?> ListParticipantsAsync(string room, CancellationToken cancellationToken) =>
        Count<IReadOnlyList<LiveKitParticipant>?>([]);

    public Task<bool> RemoveParticipantAsync(string room, string identity, CancellationToken cancellationToken) => Count(true);

    public Task<MoveOutcome> MoveParticipantAsync(string room, string identity, string destinationRoom, CancellationToken cancellationToken) => Count(MoveOutcome.Moved);

    public Task SendDataAsync(string room, string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => Count();

    public Task CreateDispatchAsync(string room, string metadata, CancellationToken cancellationToken) => Count();

    private Task Count()
    {
        Interlocked.Increment(ref _calls);
        return Task.CompletedTask;
    }

    private Task<T> Count<T>(T result)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(result);
    }
}
