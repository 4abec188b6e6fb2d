using LiveKit.Proto;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>The worker against an in-process dev server: real /agent WebSocket, dispatch, and room joins through the Rust core.</summary>
public sealed class AgentWorkerServiceTests
{
    private const string AgentName = "warm-transfer";

    [Fact]
    public async Task Dispatch_WorkerRegistersTakesJobAndJoinsTheRoomWithItsToken_RoomDeletedEndsJobAsSuccess()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var worker = await WorkerTestHost.StartAsync(server, probe);
        Assert.StartsWith("AW_", worker.Registration.WorkerId, StringComparison.Ordinal);

        var dispatch = await server.Dispatch.CreateDispatchAsync("call-1", AgentName, """{"kind":"call","callRoom":"call-1"}""");
        var context = await probe.NextStartedAsync();

        Assert.Equal("call-1", context.RoomName);
        Assert.Equal("call", context.Kind);
        Assert.Equal("call-1", context.Metadata.GetProperty("callRoom").GetString());
        Assert.True(context.Room.IsConnected);
        Assert.StartsWith("AJ_", context.JobId, StringComparison.Ordinal);
        Assert.Equal("agent-" + context.JobId, context.ParticipantIdentity);
        var job = Assert.Single(Assert.Single(await server.Dispatch.ListDispatchAsync("call-1"), d => d.Id == dispatch.Id).State.Jobs);
        Assert.Equal((JobStatus.JsRunning, worker.Registration.WorkerId), (job.State.Status, job.State.WorkerId));
        // The dispatch token joined the room as a hidden agent (the worker asked for hidden tokens).
        var bot = Assert.Single(await server.Rooms.ListParticipantsAsync("call-1"), p => p.Identity == context.ParticipantIdentity);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, bot.Kind);
        Assert.True(bot.Permission.Hidden);
        Assert.Equal(1, worker.Runner.ActiveJobs);

        await server.Rooms.DeleteRoomAsync("call-1");

        var outcome = await worker.OutcomeAsync("call-1");
        Assert.Equal(JobStatus.JsSuccess, outcome.Status);
        Assert.True(probe.Tokens["call-1"].IsCancellationRequested);
    }

    [Fact]
    public async Task TwoWorkers_ShareJobs_EachRunsOne()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        var oneJob = new Dictionary<string, string?> { ["Worker:MaxJobs"] = "1" };
        await using var first = await WorkerTestHost.StartAsync(server, probe, oneJob);
        await using var second = await WorkerTestHost.StartAsync(server, probe, oneJob);

        await server.Dispatch.CreateDispatchAsync("room-a", AgentName, """{"kind":"call"}""");
        await probe.NextStartedAsync();
        await server.Dispatch.CreateDispatchAsync("room-b", AgentName, """{"kind":"call"}""");
        await probe.NextStartedAsync();

        Assert.Equal(1, first.Runner.ActiveJobs);
        Assert.Equal(1, second.Runner.ActiveJobs);
        Assert.True(first.Runner.IsFull);
        var workers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var room in new[] { "room-a", "room-b" })
        {
            workers.Add(Assert.Single(Assert.Single(await server.Dispatch.ListDispatchAsync(room), d => d.AgentName == AgentName).State.Jobs).State.WorkerId);
        }

        Assert.Equal(new HashSet<string>(StringComparer.Ordinal) { first.Registration.WorkerId!, second.Registration.WorkerId! }, workers);
        probe.Release("room-a");
        probe.Release("room-b");
    }

    [Fact]
    public async Task ServerRestarts_WorkerReconnectsAndRegistersAgain_TakesJobsFromTheNewServer()
    {
        var first = await LiveKitTestServer.StartAsync();
        int port = first.Port;
        var probe = new JobProbe();
        WorkerTestHost? worker = null;
        try
        {
            worker = await WorkerTestHost.StartAsync(first, probe);
            string firstId = worker.Registration.WorkerId!;
            Assert.Equal(1, worker.Registration.Registrations);

            await first.DisposeAsync();
            await using var restarted = await LiveKitTestServer.StartAsync(port);

            using var cts = new CancellationTokenSource(Patience.Slow);
            while (worker.Registration.Registrations < 2)
            {
                await worker.Registration.WaitForRegisteredAsync(cts.Token);
                if (worker.Registration.Registrations < 2)
                {
                    await Task.Delay(50, cts.Token);
                }
            }

            Assert.NotEqual(firstId, worker.Registration.WorkerId);
            await restarted.Dispatch.CreateDispatchAsync("after-restart", AgentName, """{"kind":"call"}""");
            Assert.Equal("after-restart", (await probe.NextStartedAsync()).RoomName);
            probe.Release("after-restart");
            Assert.Equal(JobStatus.JsSuccess, (await worker.OutcomeAsync("after-restart")).Status);
        }
        finally
        {
            if (worker is not null)
            {
                await worker.DisposeAsync();
            }

            await first.DisposeAsync();
        }
    }

    [Fact]
    public async Task JobThrowsOrHasBadMetadata_ThatJobFailsWithItsReason_OtherJobsAndTheWorkerCarryOn()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var worker = await WorkerTestHost.StartAsync(server, probe);
        await server.Dispatch.CreateDispatchAsync("steady", AgentName, """{"kind":"call"}""");
        var steady = await probe.NextStartedAsync();

        await server.Dispatch.CreateDispatchAsync("boom", AgentName, """{"kind":"boom"}""");
        await server.Dispatch.CreateDispatchAsync("not-json", AgentName, "kind=call");
        await server.Dispatch.CreateDispatchAsync("no-kind", AgentName, """{"callRoom":"no-kind"}""");
        await server.Dispatch.CreateDispatchAsync("unknown-kind", AgentName, """{"kind":"karaoke"}""");

        var boom = await worker.OutcomeAsync("boom");
        Assert.Equal(JobStatus.JsFailed, boom.Status);
        Assert.Equal("InvalidOperationException: the boom job always fails", boom.Error);
        Assert.Contains("not valid JSON", (await worker.OutcomeAsync("not-json")).Error, StringComparison.Ordinal);
        Assert.Contains("no string \"kind\"", (await worker.OutcomeAsync("no-kind")).Error, StringComparison.Ordinal);
        Assert.Equal("no job handles kind 'karaoke' (this worker runs: boom, call)", (await worker.OutcomeAsync("unknown-kind")).Error);

        // The server recorded the failure and its reason.
        var failed = await Patience.UntilAsync(
            async () => (await server.Dispatch.ListDispatchAsync("boom")).Single(d => d.AgentName == AgentName).State.Jobs.Single() is { State.Status: JobStatus.JsFailed } j ? j : null,
            "the boom job to be recorded as failed");
        Assert.Equal(boom.Error, failed.State.Error);

        // Nobody else noticed: the steady job still runs in its room, the worker stays registered and takes new jobs.
        Assert.False(probe.Tokens["steady"].IsCancellationRequested);
        Assert.True(steady.Room.IsConnected);
        Assert.True(worker.Registration.IsRegistered);
        await server.Dispatch.CreateDispatchAsync("later", AgentName, """{"kind":"call"}""");
        Assert.Equal("later", (await probe.NextStartedAsync()).RoomName);
        // The failed jobs leave the running set just after their outcome is reported.
        await Patience.UntilAsync(() => Task.FromResult(worker.Runner.RunningJobIds.Count == 2 ? "two" : null), "only steady and later to be running");
        Assert.Equal(2, worker.Runner.RunningJobIds.Count);
    }

    [Fact]
    public async Task Stop_WhileAJobRuns_DeclinesNewJobsAndWaitsForTheRunningOne()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var worker = await WorkerTestHost.StartAsync(server, probe, new Dictionary<string, string?> { ["Worker:DrainTimeout"] = "00:01:00" });
        await server.Dispatch.CreateDispatchAsync("finishing", AgentName, """{"kind":"call"}""");
        await probe.NextStartedAsync();

        var stopping = worker.StopAsync();

        Assert.True(worker.Runner.IsDraining);
        Assert.False(worker.Runner.TryReserve("AJ_new"));
        Assert.False(stopping.IsCompleted);
        Assert.False(probe.Tokens["finishing"].IsCancellationRequested);
        probe.Release("finishing");
        await stopping;

        Assert.Equal(JobStatus.JsSuccess, (await worker.OutcomeAsync("finishing")).Status);
        var recorded = await Patience.UntilAsync(
            async () => (await server.Dispatch.ListDispatchAsync("finishing")).Single(d => d.AgentName == AgentName).State.Jobs.Single() is { State.Status: JobStatus.JsSuccess } j ? j : null,
            "the drained job to be reported successful");
        Assert.Empty(recorded.State.Error);
    }

    [Fact]
    public async Task Stop_JobOutlivesTheDrainTimeout_IsCancelledAndReportedFailedWithTheReason()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var worker = await WorkerTestHost.StartAsync(server, probe, new Dictionary<string, string?> { ["Worker:DrainTimeout"] = "00:00:01" });
        await server.Dispatch.CreateDispatchAsync("stubborn", AgentName, """{"kind":"call"}""");
        await probe.NextStartedAsync();

        await worker.StopAsync();

        var outcome = await worker.OutcomeAsync("stubborn");
        Assert.Equal(JobStatus.JsFailed, outcome.Status);
        Assert.Equal("the worker stopped; the job did not finish within the drain time-out (1 s)", outcome.Error);
        Assert.True(probe.Tokens["stubborn"].IsCancellationRequested);
        var recorded = await Patience.UntilAsync(
            async () => (await server.Dispatch.ListDispatchAsync("stubborn")).Single(d => d.AgentName == AgentName).State.Jobs.Single() is { State.Status: JobStatus.JsFailed } j ? j : null,
            "the cancelled job to be reported failed");
        Assert.Equal(outcome.Error, recorded.State.Error);
    }
}
