using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

/// <summary>The agent dispatches of one open room and their jobs; guarded by the <see cref="AgentDispatcher"/> lock.</summary>
internal sealed class RoomDispatches(Room room)
{
    /// <summary>The room as last reported (jobs carry it).</summary>
    public Room Room { get; set; } = room;

    public List<AgentDispatch> Dispatches { get; } = [];

    public List<DispatchJob> Jobs { get; } = [];

    /// <summary>Participants that already got their publisher jobs (JT_PUBLISHER launches once per participant).</summary>
    public HashSet<string> Publishers { get; } = new(StringComparer.Ordinal);
}
