using LiveKit.Proto;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>
/// The agent worker: keeps a registered connection to the server's <c>/agent</c> endpoint (reconnecting with
/// exponential back-off, jitter and a cap when it goes away), answers availability within capacity, hands assignments
/// to the <see cref="JobRunner"/>, reports job outcomes and load, and pings. On stop it drains: reports itself full,
/// lets running jobs finish up to <see cref="AgentWorkerOptions.DrainTimeout"/>, cancels the rest, then disconnects.
/// </summary>
/// <remarks>
/// Running jobs survive a lost connection: they hold their own room connections. After a reconnect the server may
/// offer such a job again (resuming); <see cref="JobRunner.TryReserve"/> accepts it and the running instance continues.
/// Job outcomes that happen while disconnected are not reported (the server has already re-dispatched those jobs).
/// </remarks>
public sealed partial class AgentWorkerService : BackgroundService
{
    /// <summary>How long the server has to answer <c>register</c>.</summary>
    public static readonly TimeSpan RegisterTimeout = TimeSpan.FromSeconds(10);

    private readonly JobRunner _runner;
    private readonly WorkerRegistration _registration;
    private readonly IOptions<LiveKitServerOptions> _serverOptions;
    private readonly IOptions<AgentWorkerOptions> _workerOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<AgentWorkerService> _logger;
    private WorkerSession? _session;
    private volatile bool _stopped;

    public AgentWorkerService(
        JobRunner runner,
        WorkerRegistration registration,
        IOptions<LiveKitServerOptions> server,
        IOptions<AgentWorkerOptions> options,
        TimeProvider time,
        ILogger<AgentWorkerService> logger)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(options);
        _runner = runner;
        _registration = registration;
        // Read lazily: the host validates options when it starts, after constructing its services.
        _serverOptions = server;
        _workerOptions = options;
        _time = time;
        _logger = logger;
        _runner.LoadChanged += OnLoadChanged;
        _runner.ReportOutcome = ReportOutcomeAsync;
    }

    private LiveKitServerOptions Server => _serverOptions.Value;

    private AgentWorkerOptions Settings => _workerOptions.Value;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Drain while still connected, so the server sees WS_FULL and the jobs' outcomes.
        _runner.BeginDrain();
        LogDrainStarted(_logger, _runner.RunningJobIds.Count);
        try
        {
            await _runner.DrainAsync(Settings.DrainTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            // Let the last outcomes go out before the connection is cut; no reconnect after this.
            _stopped = true;
            if (Volatile.Read(ref _session) is { } session)
            {
                await session.StopAsync().ConfigureAwait(false);
            }

            await base.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public override void Dispose()
    {
        _runner.LoadChanged -= OnLoadChanged;
        _runner.ReportOutcome = null;
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var endpoint = WorkerSocket.AgentEndpoint(Server.Url);
        var backoff = new ReconnectBackoff(Settings.ReconnectInitialDelay, Settings.ReconnectMaxDelay);
        int failures = 0;
        while (!stoppingToken.IsCancellationRequested && !_stopped)
        {
            bool registered = false;
            try
            {
                registered = await RunSessionAsync(endpoint, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                LogConnectionFailed(_logger, endpoint, e.Message);
            }
            finally
            {
                _registration.Lost();
            }

            if (_stopped)
            {
                break;
            }

            failures = registered ? 0 : failures + 1;
            var delay = backoff.Delay(failures);
            LogReconnecting(_logger, delay.TotalMilliseconds, failures);
            try
            {
                await Task.Delay(delay, _time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One connection: register, then serve until it ends. True when it got as far as registering.</summary>
    private async Task<bool> RunSessionAsync(Uri endpoint, CancellationToken stoppingToken)
    {
        var socket = await WorkerSocket.ConnectAsync(endpoint, WorkerTokens.Mint(Server, Settings.AgentName, _time), stoppingToken).ConfigureAwait(false);
        await using (socket.ConfigureAwait(false))
        {
            using var sessionEnd = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var session = new WorkerSession(socket, sessionEnd, _time.GetTimestamp());
            try
            {
                var workerId = await RegisterAsync(socket, stoppingToken).ConfigureAwait(false);
                Volatile.Write(ref _session, session);
                _registration.Registered(workerId);
                LogRegistered(_logger, workerId, Settings.AgentName, Settings.MaxJobs);
                SendStatus(session);
                await ServeAsync(session, stoppingToken).ConfigureAwait(false);
                return true;
            }
            finally
            {
                Interlocked.CompareExchange(ref _session, null, session);
                await session.StopAsync().ConfigureAwait(false);
                using var closeTimeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
                await socket.CloseAsync(stoppingToken.IsCancellationRequested ? "worker stopping" : "reconnecting", closeTimeout.Token).ConfigureAwait(false);
            }
        }
    }

    private async Task<string> RegisterAsync(WorkerSocket socket, CancellationToken stoppingToken)
    {
        var register = new RegisterWorkerRequest
        {
            Type = JobType.JtRoom,
            AgentName = Settings.AgentName,
            Version = typeof(AgentWorkerService).Assembly.GetName().Version?.ToString(3) ?? "1.0.0",
            PingInterval = (uint)Math.Max(1, Settings.PingInterval.TotalSeconds),
            AllowedPermissions = new ParticipantPermission
            {
                CanSubscribe = true,
                CanPublish = true, // hold audio and the spoken briefing; the call-room job never publishes a microphone
                CanPublishData = true,
                CanUpdateMetadata = true,
                Hidden = Settings.Hidden,
            },
        };
        await socket.SendAsync(new WorkerMessage { Register = register }, stoppingToken).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(RegisterTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            while (true)
            {
                var message = await socket.ReceiveAsync(linked.Token).ConfigureAwait(false)
                    ?? throw new InvalidOperationException($"the server closed the connection before registering ({socket.CloseStatus}: {socket.CloseDescription})");
                if (message.MessageCase == ServerMessage.MessageOneofCase.Register)
                {
                    return message.Register.WorkerId;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the server did not answer register within {RegisterTimeout.TotalSeconds:0} s");
        }
    }

    private async Task ServeAsync(WorkerSession session, CancellationToken stoppingToken)
    {
        var pinger = PingLoopAsync(session);
        try
        {
            while (await session.Socket.ReceiveAsync(session.Ending).ConfigureAwait(false) is { } message)
            {
                session.LastHeard = _time.GetTimestamp();
                Handle(session, message);
            }

            LogServerClosed(_logger, session.Socket.CloseStatus?.ToString() ?? "no status", session.Socket.CloseDescription ?? string.Empty);
        }
        catch (OperationCanceledException) when (session.Ending.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            LogServerSilent(_logger, 2 * Settings.PingInterval.TotalSeconds);
        }
        finally
        {
            await session.StopAsync().ConfigureAwait(false);
            await pinger.ConfigureAwait(false);
        }
    }

    private void Handle(WorkerSession session, ServerMessage message)
    {
        switch (message.MessageCase)
        {
            case ServerMessage.MessageOneofCase.Availability:
                var job = message.Availability.Job;
                bool available = _runner.TryReserve(job.Id);
                LogOffered(_logger, job.Id, job.Room?.Name ?? string.Empty, message.Availability.Resuming, available);
                session.Send(new WorkerMessage
                {
                    Availability = new AvailabilityResponse
                    {
                        JobId = job.Id,
                        Available = available,
                        ParticipantIdentity = available ? ParticipantIdentityFor(job) : string.Empty,
                        ParticipantName = available ? Settings.ParticipantName : string.Empty,
                    },
                });
                if (!available)
                {
                    SendStatus(session);
                }

                break;
            case ServerMessage.MessageOneofCase.Assignment:
                var assignment = message.Assignment;
                string url = assignment.HasUrl && assignment.Url.Length > 0 ? assignment.Url : Server.Url;
                LogAssigned(_logger, assignment.Job.Id, assignment.Job.Room?.Name ?? string.Empty);
                _runner.Start(assignment.Job, url, assignment.Token);
                break;
            case ServerMessage.MessageOneofCase.Termination:
                LogTerminated(_logger, message.Termination.JobId);
                _runner.Terminate(message.Termination.JobId);
                break;
            case ServerMessage.MessageOneofCase.Pong:
                session.LastPong = _time.GetTimestamp();
                break;
            default:
                break;
        }
    }

    /// <summary>Pings every interval with the load report; two intervals without hearing from the server end the session.</summary>
    private async Task PingLoopAsync(WorkerSession session)
    {
        try
        {
            using var timer = new PeriodicTimer(Settings.PingInterval, _time);
            while (await timer.WaitForNextTickAsync(session.Ending).ConfigureAwait(false))
            {
                if (_time.GetElapsedTime(session.LastHeard) > 2 * Settings.PingInterval)
                {
                    await session.EndAsync().ConfigureAwait(false);
                    return;
                }

                session.Send(new WorkerMessage { Ping = new WorkerPing { Timestamp = _time.GetUtcNow().ToUnixTimeMilliseconds() } });
                SendStatus(session);
            }
        }
        catch (OperationCanceledException)
        {
            // The session ended.
        }
    }

    private static string ParticipantIdentityFor(Job job) => "agent-" + job.Id;

    private void SendStatus(WorkerSession session) =>
        session.Send(new WorkerMessage
        {
            UpdateWorker = new UpdateWorkerStatus
            {
                Status = _runner.IsFull ? WorkerStatus.WsFull : WorkerStatus.WsAvailable,
                Load = _runner.Load,
                JobCount = (uint)_runner.ActiveJobs,
            },
        });

    private void OnLoadChanged()
    {
        if (Volatile.Read(ref _session) is { } session)
        {
            SendStatus(session);
        }
    }

    private async Task ReportOutcomeAsync(JobOutcome outcome, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _session) is { } session)
        {
            var update = new UpdateJobStatus { JobId = outcome.JobId, Status = outcome.Status, Error = outcome.Error };
            await session.SendAndWaitAsync(new WorkerMessage { UpdateJob = update }, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            LogOutcomeNotReported(_logger, outcome.JobId);
        }
    }

}
