using LiveKit.DevServer.Auth;
using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LiveKit.DevServer.Agents;

/// <summary>
/// Agent dispatch (srv:rtc/room.go launch*Agents, service/agentservice.go, agent/worker.go): the dispatches
/// of each room, the registered workers, and the jobs that connect them. A dispatch comes from the room's
/// settings (CreateRoom.agents, a token's roomConfig.agents; none means the implicit dispatch to agent
/// name "") or from AgentDispatchService.CreateDispatch.
/// </summary>
/// <remarks>
/// <para>Jobs: JT_ROOM once per dispatch when the room starts (or the dispatch is created), JT_PARTICIPANT
/// per joining participant and JT_PUBLISHER per publishing participant when workers of that type are
/// registered. A job goes to the least-loaded available worker with the agent name and type; a worker
/// that declines or does not answer within the timeout is skipped for the next. A job nobody takes stays
/// pending until a matching worker registers. When a worker disconnects, its jobs in rooms still open are
/// offered to the others again (availability with resuming=true), unless the dispatch's restart policy is
/// JRP_NEVER. When a room closes, its jobs are terminated.</para>
/// <para>Threading: all state is guarded by one lock. Room observer calls arrive under a room lock and
/// only update state and start background assignment; nothing here calls into a room while holding the lock.</para>
/// </remarks>
internal sealed partial class AgentDispatcher : IRoomObserver, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RoomDispatches> _rooms = new(StringComparer.Ordinal);
    private readonly List<AgentWorker> _workers = [];
    private readonly ApiKeys _keys;
    private readonly BackgroundWork _background;
    private readonly TimeProvider _time;
    private readonly TimeSpan _availabilityTimeout;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private long _workerSequence;

    public AgentDispatcher(ApiKeys keys, BackgroundWork background, TimeProvider time, IOptions<DevServerOptions> options, ILogger<AgentDispatcher> logger)
    {
        _keys = keys;
        _background = background;
        _time = time;
        _availabilityTimeout = TimeSpan.FromSeconds(options.Value.Limits.AgentAvailabilityTimeoutSeconds);
        _logger = logger;
    }

    private long NowNanos => _time.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;

    /// <summary>Adds a worker that registered; pending jobs it can take are offered to it.</summary>
    public AgentWorker Register(Signaling.MessageSocket socket, RegisterWorkerRequest registration)
    {
        lock (_gate)
        {
            var worker = new AgentWorker(socket, registration, ++_workerSequence);
            _workers.Add(worker);
            LogRegistered(_logger, worker.Id, worker.AgentName, worker.JobType);
            foreach (var room in _rooms.Values)
            {
                foreach (var job in room.Jobs)
                {
                    if (job.Worker is null && !job.Ended && !job.Assigning && Matches(worker, job.Job))
                    {
                        StartAssignmentLocked(job, resuming: false);
                    }
                }
            }

            return worker;
        }
    }

    /// <summary>A worker's connection ended: its jobs in open rooms are re-dispatched.</summary>
    public void Unregister(AgentWorker worker)
    {
        lock (_gate)
        {
            worker.Closed = true;
            _workers.Remove(worker);
            worker.FailPending();
            LogUnregistered(_logger, worker.Id, worker.Jobs.Count);
            foreach (var job in worker.Jobs.Values.ToList())
            {
                job.Worker = null;
                job.AgentSid = null;
                if (job.Ended || !_rooms.TryGetValue(job.Room.Room.Name, out var open) || !ReferenceEquals(open, job.Room))
                {
                    continue;
                }

                if (job.Dispatch.RestartPolicy == JobRestartPolicy.JrpNever)
                {
                    EndLocked(job, JobStatus.JsFailed, "agent worker disconnected");
                    continue;
                }

                job.Job.State.Status = JobStatus.JsPending;
                job.Job.State.WorkerId = string.Empty;
                job.Job.State.UpdatedAt = NowNanos;
                StartAssignmentLocked(job, resuming: true);
            }

            worker.Jobs.Clear();
        }
    }

    /// <summary>The worker's reported status and load (update_worker).</summary>
    public void UpdateWorker(AgentWorker worker, UpdateWorkerStatus update)
    {
        lock (_gate)
        {
            if (update.HasStatus)
            {
                worker.Status = update.Status;
            }

            worker.Load = update.Load;
        }
    }

    /// <summary>The worker's report on one of its jobs (update_job). Reports on unknown jobs are ignored.</summary>
    public void UpdateJob(AgentWorker worker, UpdateJobStatus update)
    {
        lock (_gate)
        {
            if (!worker.Jobs.TryGetValue(update.JobId, out var job))
            {
                LogUnknownJob(_logger, worker.Id, update.JobId);
                return;
            }

            if (update.Status is JobStatus.JsSuccess or JobStatus.JsFailed)
            {
                EndLocked(job, update.Status, update.Error);
                return;
            }

            job.Job.State.Status = update.Status;
            job.Job.State.Error = update.Error;
            job.Job.State.UpdatedAt = NowNanos;
        }
    }

    /// <summary>Stops assignment attempts (server shutdown) and closes every worker connection.</summary>
    public void Stop()
    {
        _stopping.Cancel();
        lock (_gate)
        {
            foreach (var worker in _workers)
            {
                worker.FailPending();
            }
        }
    }

    public void Dispose() => _stopping.Dispose();

    /// <summary>Jobs are assigned on the thread pool; this starts one attempt loop for <paramref name="job"/>.</summary>
    private void StartAssignmentLocked(DispatchJob job, bool resuming)
    {
        job.Assigning = true;
        _background.Run(() => AssignAsync(job, resuming), e => LogAssignFailed(_logger, job.Job.Id, e));
    }

    private async Task AssignAsync(DispatchJob job, bool resuming)
    {
        var attempted = new HashSet<AgentWorker>();
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                AgentWorker? worker;
                Job offer;
                lock (_gate)
                {
                    if (job.Ended || job.Worker is not null || !IsOpen(job.Room))
                    {
                        return;
                    }

                    worker = PickLocked(job.Job, attempted);
                    if (worker is null)
                    {
                        LogNoWorker(_logger, job.Job.Id, job.Job.AgentName);
                        return;
                    }

                    attempted.Add(worker);
                    offer = job.Job.Clone();
                    offer.Room = job.Room.Room.Clone();
                }

                var answer = await worker.AskAsync(offer, resuming, _availabilityTimeout, _time, _stopping.Token).ConfigureAwait(false);
                lock (_gate)
                {
                    if (job.Ended || !IsOpen(job.Room))
                    {
                        return;
                    }

                    if (answer is { Terminate: true })
                    {
                        EndLocked(job, JobStatus.JsSuccess, string.Empty);
                        return;
                    }

                    if (answer is not { Available: true } || worker.Closed)
                    {
                        LogDeclined(_logger, job.Job.Id, worker.Id, answer is null ? "no answer" : "declined");
                        continue;
                    }

                    AssignLocked(job, worker, answer);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
        finally
        {
            lock (_gate)
            {
                job.Assigning = false;
            }
        }
    }

    private void AssignLocked(DispatchJob job, AgentWorker worker, AvailabilityResponse answer)
    {
        var identity = answer.ParticipantIdentity.Length > 0 ? answer.ParticipantIdentity : "agent-" + job.Job.Id;
        var token = AgentTokens.Mint(_keys, _time, job.Room.Room.Name, worker.AgentName, answer, identity, worker.Permissions);
        var now = NowNanos;
        var state = job.Job.State;
        state.Status = JobStatus.JsRunning;
        state.WorkerId = worker.Id;
        state.ParticipantIdentity = identity;
        state.StartedAt = now;
        state.UpdatedAt = now;
        job.Worker = worker;
        worker.Jobs[job.Job.Id] = job;
        var assigned = job.Job.Clone();
        assigned.Room = job.Room.Room.Clone();
        worker.Send(new ServerMessage { Assignment = new JobAssignment { Job = assigned, Token = token } });
        LogAssigned(_logger, job.Job.Id, worker.Id);
    }

    /// <summary>The least-loaded available worker for the job that was not tried yet.</summary>
    private AgentWorker? PickLocked(Job job, HashSet<AgentWorker> attempted) =>
        _workers
            .Where(w => !w.Closed && Matches(w, job) && w.Status == WorkerStatus.WsAvailable && w.Load < 1f && !attempted.Contains(w))
            .OrderBy(w => w.Load)
            .ThenBy(w => w.Jobs.Count)
            .ThenBy(w => w.Sequence)
            .FirstOrDefault();

    private static bool Matches(AgentWorker worker, Job job) =>
        worker.AgentName == job.AgentName
        && worker.JobType == job.Type
        && (job.Deployment.Length == 0 || worker.Deployment == job.Deployment);

    private bool HasWorkersLocked(string agentName, JobType type) =>
        _workers.Exists(w => !w.Closed && w.AgentName == agentName && w.JobType == type);

    private bool IsOpen(RoomDispatches room) => _rooms.TryGetValue(room.Room.Name, out var open) && ReferenceEquals(open, room);

    /// <summary>Ends a job; a running one is told to stop (termination).</summary>
    private void EndLocked(DispatchJob job, JobStatus status, string error, bool terminate = false)
    {
        if (job.Ended)
        {
            return;
        }

        var now = NowNanos;
        job.Job.State.Status = status;
        job.Job.State.Error = error;
        job.Job.State.EndedAt = now;
        job.Job.State.UpdatedAt = now;
        if (job.Worker is { } worker)
        {
            worker.Jobs.Remove(job.Job.Id);
            if (terminate && !worker.Closed)
            {
                worker.Send(new ServerMessage { Termination = new JobTermination { JobId = job.Job.Id } });
            }
        }
    }

    private DispatchJob CreateJobLocked(RoomDispatches room, AgentDispatch dispatch, JobType type, ParticipantInfo? participant)
    {
        var job = new Job
        {
            Id = Sids.New(Sids.AgentJob),
            DispatchId = dispatch.Id,
            Type = type,
            Room = room.Room.Clone(),
            Metadata = dispatch.Metadata,
            AgentName = dispatch.AgentName,
            Deployment = dispatch.Deployment,
            State = new JobState { Status = JobStatus.JsPending, UpdatedAt = NowNanos },
        };
        job.Attributes.Add(dispatch.Attributes);
        if (participant is not null)
        {
            job.Participant = participant.Clone();
        }

        dispatch.State.Jobs.Add(job);
        var dispatchJob = new DispatchJob(job, dispatch, room);
        room.Jobs.Add(dispatchJob);
        return dispatchJob;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent worker {WorkerId} registered (agent name '{AgentName}', {JobType})")]
    private static partial void LogRegistered(ILogger logger, string workerId, string agentName, JobType jobType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent worker {WorkerId} disconnected with {Jobs} running jobs")]
    private static partial void LogUnregistered(ILogger logger, string workerId, int jobs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId} assigned to worker {WorkerId}")]
    private static partial void LogAssigned(ILogger logger, string jobId, string workerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: worker {WorkerId} did not take it ({Why}); trying another")]
    private static partial void LogDeclined(ILogger logger, string jobId, string workerId, string why);

    [LoggerMessage(Level = LogLevel.Information, Message = "Job {JobId}: no available worker for agent name '{AgentName}'; it stays pending")]
    private static partial void LogNoWorker(ILogger logger, string jobId, string agentName);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Worker {WorkerId} reported on unknown job {JobId}")]
    private static partial void LogUnknownJob(ILogger logger, string workerId, string jobId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Assigning job {JobId} failed")]
    private static partial void LogAssignFailed(ILogger logger, string jobId, Exception exception);
}
