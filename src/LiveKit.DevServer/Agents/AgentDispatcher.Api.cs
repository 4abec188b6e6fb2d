using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

// AgentDispatchService: explicit dispatches.
internal sealed partial class AgentDispatcher
{
    /// <summary>
    /// Adds a dispatch to an open room and launches its room job. Returns null when the room is not open
    /// (the caller creates it first, as livekit-server does with auto-create).
    /// </summary>
    public AgentDispatch? CreateDispatch(CreateAgentDispatchRequest request)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(request.Room, out var state))
            {
                return null;
            }

            var dispatch = AddDispatchLocked(state, request.AgentName, request.Metadata, request.RestartPolicy, request.Deployment, request.Attributes);
            StartAssignmentLocked(CreateJobLocked(state, dispatch, JobType.JtRoom, null), resuming: false);
            return dispatch.Clone();
        }
    }

    /// <summary>Removes a dispatch and terminates its jobs. Null when the room or the dispatch is unknown.</summary>
    public AgentDispatch? DeleteDispatch(string room, string dispatchId)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room, out var state) || state.Dispatches.Find(d => d.Id == dispatchId) is not { } dispatch)
            {
                return null;
            }

            state.Dispatches.Remove(dispatch);
            dispatch.State.DeletedAt = NowNanos;
            foreach (var job in state.Jobs.Where(j => j.Dispatch == dispatch))
            {
                EndLocked(job, JobStatus.JsSuccess, string.Empty, terminate: true);
            }

            state.Jobs.RemoveAll(j => j.Dispatch == dispatch);
            return dispatch.Clone();
        }
    }

    /// <summary>The dispatches of a room (one when <paramref name="dispatchId"/> is given). Null when the room is not open.</summary>
    public IReadOnlyList<AgentDispatch>? ListDispatches(string room, string dispatchId)
    {
        lock (_gate)
        {
            return _rooms.TryGetValue(room, out var state)
                ? [.. state.Dispatches.Where(d => dispatchId.Length == 0 || d.Id == dispatchId).Select(d => d.Clone())]
                : null;
        }
    }

    /// <summary>Registered workers (for diagnostics and tests): id, agent name, load, running jobs.</summary>
    public IReadOnlyList<(string Id, string AgentName, float Load, int Jobs)> ListWorkers()
    {
        lock (_gate)
        {
            return [.. _workers.Select(w => (w.Id, w.AgentName, w.Load, w.Jobs.Count))];
        }
    }
}
