using System.Text.Json;
using LiveKit.Proto;
using LiveKit.Rtc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Room = LiveKit.Rtc.Room;

namespace WarmTransfer.TransferAgent.Worker;

// One job from assignment to outcome: metadata, DI scope, joining the room, the room job, leaving.
public sealed partial class JobRunner
{
    private const int MaxKindInMessage = 64;

    /// <summary>How long reporting an outcome may hold up leaving the room.</summary>
    private static readonly TimeSpan ReportTimeout = TimeSpan.FromSeconds(5);

    /// <remarks>
    /// The outcome is decided when the room job returns or throws, and reported before the room is left: the server
    /// ends a job whose agent leaves the room, so a report sent after leaving would arrive for a job already closed.
    /// </remarks>
    private async Task<JobOutcome> ExecuteAsync(RunningJob job)
    {
        string roomName = job.Job.Room?.Name ?? string.Empty;
        JobOutcome? outcome = null;
        try
        {
            if (!JobMetadata.TryParse(job.Job.Metadata, out var kind, out var metadata, out var error))
            {
                throw new JobFailedException("bad job metadata: " + error);
            }

            var scope = _scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var handler = Resolve(scope.ServiceProvider, kind);
                var room = new Room();
                await using (room.ConfigureAwait(false))
                {
                    await JoinAsync(room, job).ConfigureAwait(false);
                    outcome = await RunInRoomAsync(job, handler, room, kind, metadata, scope.ServiceProvider).ConfigureAwait(false);
                    await ReportAsync(outcome).ConfigureAwait(false);
                }
            }
        }
        catch (Exception e) when (outcome is null)
        {
            outcome = Classify(job, roomName, e);
            await ReportAsync(outcome).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Leaving the room or releasing the scope failed after the outcome was reported.
            LogCleanupFailed(_logger, job.Id, e);
        }

        return outcome!;
    }

    /// <summary>The outcome for a job that threw: a cancellation's reason wins, then a <see cref="JobFailedException"/>'s message, then the exception's type and message.</summary>
    private JobOutcome Classify(RunningJob job, string roomName, Exception e)
    {
        if (job.Cancellation.IsCancellationRequested)
        {
            return new JobOutcome(job.Id, roomName, job.CancelIsNormalEnd ? JobStatus.JsSuccess : JobStatus.JsFailed, job.CancelIsNormalEnd ? string.Empty : job.CancelReason ?? "cancelled");
        }

        if (e is JobFailedException)
        {
            return new JobOutcome(job.Id, roomName, JobStatus.JsFailed, e.Message);
        }

        LogJobException(_logger, job.Id, e);
        return new JobOutcome(job.Id, roomName, JobStatus.JsFailed, $"{e.GetType().Name}: {e.Message}");
    }

    private async Task ReportAsync(JobOutcome outcome)
    {
        JobEnded?.Invoke(outcome);
        if (ReportOutcome is { } report)
        {
            using var timeout = new CancellationTokenSource(ReportTimeout, _time);
            try
            {
                await report(outcome, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The connection is slow or gone; the server learns of the end from the room.
            }
        }
    }

    private static IRoomJob Resolve(IServiceProvider services, string kind)
    {
        var jobs = services.GetServices<IRoomJob>().ToList();
        return jobs.Find(j => string.Equals(j.Kind, kind, StringComparison.Ordinal))
            ?? throw new JobFailedException(
                $"no job handles kind '{(kind.Length > MaxKindInMessage ? kind[..MaxKindInMessage] + "…" : kind)}' "
                + $"(this worker runs: {(jobs.Count == 0 ? "none" : string.Join(", ", jobs.Select(j => j.Kind).Order(StringComparer.Ordinal)))})");
    }

    private async Task JoinAsync(Room room, RunningJob job)
    {
        using var joinTimeout = new CancellationTokenSource(Settings.JoinTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(joinTimeout.Token, job.Cancellation);
        try
        {
            await room.ConnectAsync(job.Url, job.Token, new RoomOptions { AutoSubscribe = true }, linked.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (joinTimeout.IsCancellationRequested && !job.Cancellation.IsCancellationRequested)
        {
            throw new JobFailedException($"could not join room '{job.Job.Room?.Name}' within {Settings.JoinTimeout.TotalSeconds:0} s (Worker:JoinTimeout)");
        }
        catch (RtcException e)
        {
            throw new JobFailedException($"could not join room '{job.Job.Room?.Name}': {e.Message}", e);
        }
    }

    private async Task<JobOutcome> RunInRoomAsync(RunningJob job, IRoomJob handler, Room room, string kind, JsonElement metadata, IServiceProvider services)
    {
        void OnDisconnected(object? sender, DisconnectedEvent e) => job.Cancel($"the room connection ended ({e.Reason})", normalEnd: true);

        room.Disconnected += OnDisconnected;
        try
        {
            if (!room.IsConnected)
            {
                job.Cancel("the room connection ended before the job started", normalEnd: true);
            }

            job.Cancellation.ThrowIfCancellationRequested();
            LogStarted(_logger, job.Id, kind, room.Name);
            await handler.RunAsync(
                new RoomJobContext
                {
                    Room = room,
                    Metadata = metadata,
                    JobId = job.Id,
                    ServerUrl = job.Url,
                    RoomName = room.Name,
                    Kind = kind,
                    ParticipantIdentity = room.LocalParticipant.Identity,
                    Services = services,
                },
                job.Cancellation).ConfigureAwait(false);
            return new JobOutcome(job.Id, room.Name, JobStatus.JsSuccess, string.Empty);
        }
        catch (Exception e)
        {
            return Classify(job, room.Name, e);
        }
        finally
        {
            room.Disconnected -= OnDisconnected;
        }
    }
}
