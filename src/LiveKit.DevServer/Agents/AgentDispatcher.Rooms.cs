using LiveKit.DevServer.Rooms;
using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

// Room lifecycle: dispatches are created when a room starts, jobs launched as participants join and
// publish, and everything terminated when the room finishes.
internal sealed partial class AgentDispatcher
{
    public void OnRoomStarted(Room room, RoomSettings settings)
    {
        lock (_gate)
        {
            var state = new RoomDispatches(room.Clone());
            _rooms[room.Name] = state;

            // Backward compatibility as in livekit-server: no dispatches means one to agent name "".
            var requested = settings.Agents.Count > 0 ? settings.Agents : [new RoomAgentDispatch()];
            foreach (var agent in requested)
            {
                var dispatch = AddDispatchLocked(state, agent.AgentName, agent.Metadata, agent.RestartPolicy, agent.Deployment, agent.Attributes);
                StartAssignmentLocked(CreateJobLocked(state, dispatch, JobType.JtRoom, null), resuming: false);
            }
        }
    }

    public void OnRoomFinished(Room room)
    {
        lock (_gate)
        {
            if (!_rooms.Remove(room.Name, out var state))
            {
                return;
            }

            foreach (var job in state.Jobs)
            {
                EndLocked(job, JobStatus.JsSuccess, string.Empty, terminate: true);
            }
        }
    }

    public void OnParticipantJoined(Room room, ParticipantInfo participant)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room.Name, out var state))
            {
                return;
            }

            state.Room = room.Clone();
            if (participant.Kind == ParticipantInfo.Types.Kind.Agent)
            {
                foreach (var job in state.Jobs)
                {
                    if (!job.Ended && job.Worker is not null && job.Job.State.ParticipantIdentity == participant.Identity)
                    {
                        job.AgentSid = participant.Sid;
                    }
                }

                return;
            }

            if (participant.Permission is { Hidden: true })
            {
                return;
            }

            LaunchForParticipantLocked(state, participant, JobType.JtParticipant);
        }
    }

    public void OnParticipantLeft(Room room, ParticipantInfo participant)
    {
        lock (_gate)
        {
            if (!_rooms.TryGetValue(room.Name, out var state))
            {
                return;
            }

            state.Room = room.Clone();
            state.Publishers.Remove(participant.Sid);
            foreach (var job in state.Jobs)
            {
                if (job.Ended)
                {
                    continue;
                }

                if (participant.Kind == ParticipantInfo.Types.Kind.Agent && job.Worker is not null && job.AgentSid == participant.Sid)
                {
                    // The agent left the room: its job is over (srv JobTerminateReason AGENT_LEFT_ROOM). A stale
                    // participant of a re-dispatched job (another sid, same identity) is not the job's agent any more.
                    EndLocked(job, JobStatus.JsFailed, "agent worker left the room", terminate: true);
                }
                else if (job.Job.Participant?.Identity == participant.Identity)
                {
                    EndLocked(job, JobStatus.JsSuccess, string.Empty, terminate: true);
                }
            }
        }
    }

    public void OnTrackPublished(Room room, ParticipantInfo participant, TrackInfo track)
    {
        lock (_gate)
        {
            if (_rooms.TryGetValue(room.Name, out var state) && participant.Kind != ParticipantInfo.Types.Kind.Agent && state.Publishers.Add(participant.Sid))
            {
                LaunchForParticipantLocked(state, participant, JobType.JtPublisher);
            }
        }
    }

    public void OnTrackUnpublished(Room room, ParticipantInfo participant, TrackInfo track)
    {
    }

    private void LaunchForParticipantLocked(RoomDispatches state, ParticipantInfo participant, JobType type)
    {
        foreach (var dispatch in state.Dispatches)
        {
            if (HasWorkersLocked(dispatch.AgentName, type))
            {
                StartAssignmentLocked(CreateJobLocked(state, dispatch, type, participant), resuming: false);
            }
        }
    }

    private AgentDispatch AddDispatchLocked(RoomDispatches state, string agentName, string metadata, JobRestartPolicy policy, string deployment, IEnumerable<KeyValuePair<string, string>> attributes)
    {
        var dispatch = new AgentDispatch
        {
            Id = Sids.New(Sids.AgentDispatch),
            AgentName = agentName,
            Room = state.Room.Name,
            Metadata = metadata,
            RestartPolicy = policy,
            Deployment = deployment,
            State = new AgentDispatchState { CreatedAt = NowNanos },
        };
        foreach (var (key, value) in attributes)
        {
            dispatch.Attributes[key] = value;
        }

        state.Dispatches.Add(dispatch);
        return dispatch;
    }
}
