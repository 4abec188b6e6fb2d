using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

/// <summary>A job launched for a dispatch; guarded by the <see cref="AgentDispatcher"/> lock.</summary>
internal sealed class DispatchJob(Job job, AgentDispatch dispatch, RoomDispatches room)
{
    /// <summary>The live job record (also listed in the dispatch's state); clone before sending.</summary>
    public Job Job { get; } = job;

    public AgentDispatch Dispatch { get; } = dispatch;

    public RoomDispatches Room { get; } = room;

    /// <summary>The worker running it, or null while pending.</summary>
    public AgentWorker? Worker { get; set; }

    /// <summary>
    /// Sid of the agent participant that joined for the current assignment. A re-dispatched job keeps its
    /// participant identity, so only this sid's departure ends the job: the dead worker's participant leaving
    /// late, or being evicted as a duplicate identity when the new worker joins, must not.
    /// </summary>
    public string? AgentSid { get; set; }

    /// <summary>True while an assignment attempt is under way (only one at a time).</summary>
    public bool Assigning { get; set; }

    public bool Ended => Job.State.Status is JobStatus.JsSuccess or JobStatus.JsFailed;
}
