using System.Collections.Concurrent;
using Google.Protobuf;
using LiveKit.DevServer.Signaling;
using LiveKit.Proto;

namespace LiveKit.DevServer.Agents;

/// <summary>
/// A registered agent worker (srv:agent/worker.go): what it serves (agent name, job type), what it
/// reported (status, load), the jobs it runs, and the availability questions waiting for its answer.
/// </summary>
/// <remarks>Status, load and <see cref="Jobs"/> are guarded by the <see cref="AgentDispatcher"/> lock.</remarks>
internal sealed class AgentWorker(MessageSocket socket, RegisterWorkerRequest registration, long sequence)
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<AvailabilityResponse?>> _availability = new(StringComparer.Ordinal);

    public string Id { get; } = Rooms.Sids.New(Rooms.Sids.AgentWorker);

    /// <summary>Registration order; breaks ties between equally loaded workers.</summary>
    public long Sequence { get; } = sequence;

    public string AgentName { get; } = registration.AgentName;

    public JobType JobType { get; } = registration.Type;

    public string Deployment { get; } = registration.Deployment;

    public string Version { get; } = registration.Version;

    /// <summary>Rights of the tokens minted for its jobs; livekit-server's defaults when the worker sent none.</summary>
    public ParticipantPermission Permissions { get; } = registration.AllowedPermissions?.Clone() ?? new ParticipantPermission
    {
        CanSubscribe = true,
        CanPublish = true,
        CanPublishData = true,
        CanUpdateMetadata = true,
    };

    public WorkerStatus Status { get; set; } = WorkerStatus.WsAvailable;

    public float Load { get; set; }

    public bool Closed { get; set; }

    /// <summary>Jobs assigned to this worker and not ended, by job id.</summary>
    public Dictionary<string, DispatchJob> Jobs { get; } = new(StringComparer.Ordinal);

    public void Send(ServerMessage message) => socket.TrySend(message.ToByteArray());

    /// <summary>
    /// Asks whether the worker takes <paramref name="job"/>. Returns its answer, or null when it did not
    /// answer in time or went away.
    /// </summary>
    public async Task<AvailabilityResponse?> AskAsync(Job job, bool resuming, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = new TaskCompletionSource<AvailabilityResponse?>(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_availability.TryAdd(job.Id, pending))
        {
            return null;
        }

        try
        {
            // Registered before sending, so an immediate answer cannot be missed.
            Send(new ServerMessage { Availability = new AvailabilityRequest { Job = job, Resuming = resuming } });
            return await pending.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return null;
        }
        finally
        {
            _availability.TryRemove(job.Id, out _);
        }
    }

    /// <summary>The worker's answer to an availability request; unknown job ids are ignored.</summary>
    public void OnAvailability(AvailabilityResponse response)
    {
        if (_availability.TryGetValue(response.JobId, out var pending))
        {
            pending.TrySetResult(response);
        }
    }

    /// <summary>The connection ended: pending questions resolve to "no answer".</summary>
    public void FailPending()
    {
        foreach (var pending in _availability.Values)
        {
            pending.TrySetResult(null);
        }
    }
}
