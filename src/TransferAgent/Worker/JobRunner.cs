using LiveKit.Proto;
using LiveKit.Rtc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// Runs the worker's jobs, each isolated: its own task, DI scope, <see cref="Room"/> and cancellation. A job that
/// throws ends as failed with its reason; nothing it does reaches the other jobs or the worker connection.
/// Capacity: <see cref="AgentWorkerOptions.MaxJobs"/> counts running jobs plus slots promised in availability answers
/// (a promise lapses after <see cref="AgentWorkerOptions.AssignmentTimeout"/>).
/// </summary>
/// <remarks>
/// Threading: all members are thread-safe. <see cref="JobEnded"/> and <see cref="LoadChanged"/> are raised on the job's
/// task or the caller's thread, outside the lock; handlers must be quick and must not throw.
/// </remarks>
public sealed partial class JobRunner : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, RunningJob> _jobs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _reservations = new(StringComparer.Ordinal);
    private readonly IServiceScopeFactory _scopes;
    private readonly IOptions<AgentWorkerOptions> _optionsAccessor;
    private readonly TimeProvider _time;
    private readonly ILogger<JobRunner> _logger;
    private bool _draining;

    public JobRunner(IServiceScopeFactory scopes, IOptions<AgentWorkerOptions> options, TimeProvider time, ILogger<JobRunner> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _scopes = scopes;
        // Read lazily: the host validates options when it starts, after constructing its services.
        _optionsAccessor = options;
        _time = time;
        _logger = logger;
    }

    /// <summary>A job's outcome is known (raised before the job leaves its room; it still counts as active until it has left).</summary>
    public event Action<JobOutcome>? JobEnded;

    /// <summary>
    /// Reports an outcome to the server; awaited (bounded) before the job leaves its room. Set by the worker connection.
    /// </summary>
    public Func<JobOutcome, CancellationToken, Task>? ReportOutcome { get; set; }

    /// <summary>The number of jobs or promised slots changed, or draining began.</summary>
    public event Action? LoadChanged;

    public int MaxJobs => Settings.MaxJobs;

    private AgentWorkerOptions Settings => _optionsAccessor.Value;

    /// <summary>Running jobs plus live promised slots.</summary>
    public int ActiveJobs
    {
        get
        {
            lock (_gate)
            {
                return CountLocked();
            }
        }
    }

    /// <summary>0..1, as reported in <c>update_worker</c>.</summary>
    public float Load => Math.Min(1f, ActiveJobs / (float)Settings.MaxJobs);

    /// <summary>Full or draining: the worker reports <c>WS_FULL</c> and declines offers.</summary>
    public bool IsFull
    {
        get
        {
            lock (_gate)
            {
                return _draining || CountLocked() >= Settings.MaxJobs;
            }
        }
    }

    public bool IsDraining
    {
        get
        {
            lock (_gate)
            {
                return _draining;
            }
        }
    }

    /// <summary>Ids of the jobs running now.</summary>
    public IReadOnlyList<string> RunningJobIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _jobs.Keys];
            }
        }
    }

    /// <summary>
    /// Answers an availability request: true promises a slot for <paramref name="jobId"/>. A job this worker is still
    /// running (offered again after a reconnect) is accepted without a new slot.
    /// </summary>
    public bool TryReserve(string jobId)
    {
        ArgumentException.ThrowIfNullOrEmpty(jobId);
        lock (_gate)
        {
            if (_jobs.ContainsKey(jobId))
            {
                return true;
            }

            if (_draining || CountLocked() >= Settings.MaxJobs)
            {
                return false;
            }

            _reservations[jobId] = _time.GetTimestamp();
        }

        LoadChanged?.Invoke();
        return true;
    }

    /// <summary>Starts an assigned job on its own task; returns at once.</summary>
    public void Start(Job job, string url, string token)
    {
        ArgumentNullException.ThrowIfNull(job);
        RunningJob running;
        lock (_gate)
        {
            _reservations.Remove(job.Id);
            if (_jobs.ContainsKey(job.Id))
            {
                // Assigned again after a reconnect while still running here: the running instance stays.
                LogAlreadyRunning(_logger, job.Id);
                return;
            }

            running = new RunningJob(job, url, token);
            _jobs[job.Id] = running;
            running.Completion = Task.Run(() => RunAsync(running));
        }

        LoadChanged?.Invoke();
    }

    /// <summary>The server ended the job (termination): it is cancelled and reported successful.</summary>
    public void Terminate(string jobId)
    {
        RunningJob? job;
        lock (_gate)
        {
            _jobs.TryGetValue(jobId, out job);
            if (job is null && _reservations.Remove(jobId))
            {
                LoadChanged?.Invoke();
            }
        }

        job?.Cancel("terminated by the server", normalEnd: true);
    }

    /// <summary>Stops taking jobs (offers are declined from now on).</summary>
    public void BeginDrain()
    {
        lock (_gate)
        {
            if (_draining)
            {
                return;
            }

            _draining = true;
            _reservations.Clear();
        }

        LoadChanged?.Invoke();
    }

    /// <summary>
    /// Graceful drain: stops taking jobs, lets running ones finish for up to <paramref name="timeout"/>, then cancels
    /// the rest (reported failed: the worker stopped) and waits for them to unwind.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        BeginDrain();
        RunningJob[] running;
        lock (_gate)
        {
            running = [.. _jobs.Values];
        }

        if (running.Length == 0)
        {
            return;
        }

        LogDraining(_logger, running.Length, timeout.TotalSeconds);
        var all = Task.WhenAll(running.Select(j => j.Completion));
        try
        {
            await all.WaitAsync(timeout, _time, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (TimeoutException)
        {
            // Fall through: cancel what is left.
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host will not wait longer: cancel what is left.
        }

        foreach (var job in running)
        {
            job.Cancel($"the worker stopped; the job did not finish within the drain time-out ({timeout.TotalSeconds:0.#} s)", normalEnd: false);
        }

        await all.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await DrainAsync(TimeSpan.Zero).ConfigureAwait(false);

    private int CountLocked()
    {
        long now = _time.GetTimestamp();
        List<string>? expired = null;
        foreach (var (id, since) in _reservations)
        {
            if (_time.GetElapsedTime(since, now) > Settings.AssignmentTimeout)
            {
                (expired ??= []).Add(id);
            }
        }

        foreach (var id in expired ?? [])
        {
            _reservations.Remove(id);
        }

        return _jobs.Count + _reservations.Count;
    }

    private async Task RunAsync(RunningJob job)
    {
        var outcome = await ExecuteAsync(job).ConfigureAwait(false);
        lock (_gate)
        {
            _jobs.Remove(job.Id);
        }

        job.Dispose();
        if (outcome.Status == JobStatus.JsSuccess)
        {
            LogSucceeded(_logger, job.Id, outcome.RoomName);
        }
        else
        {
            LogFailed(_logger, job.Id, outcome.RoomName, outcome.Error);
        }

        LoadChanged?.Invoke();
    }
}
