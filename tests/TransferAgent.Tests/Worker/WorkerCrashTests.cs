using LiveKit.Proto;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.Worker;

/// <summary>
/// A worker that dies mid-job, against the in-process dev server: its connections are reset through a
/// <see cref="CrashableLink"/> (no drain, no close frames, no leave), and the job must move on or end with a reason.
/// </summary>
public sealed class WorkerCrashTests
{
    private const string AgentName = "warm-transfer";

    [Fact]
    public async Task WorkerKilledMidJob_JobIsRedispatchedToTheOtherWorker_WhichJoinsTheRoomAndFinishesIt()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var link = CrashableLink.Start(server.Port);
        await using var doomed = await WorkerTestHost.StartAsync(server, probe, ThroughLink(link));
        await using var survivor = await WorkerTestHost.StartAsync(server, probe);
        string doomedId = doomed.Registration.WorkerId!;
        string survivorId = survivor.Registration.WorkerId!;

        var dispatch = await server.Dispatch.CreateDispatchAsync("crash-1", AgentName, """{"kind":"call","callRoom":"crash-1"}""");
        var first = await probe.NextStartedAsync();
        Assert.Equal(1, doomed.Runner.ActiveJobs);
        Assert.Equal((JobStatus.JsRunning, doomedId), await JobStateAsync(server, "crash-1", dispatch.Id));
        string firstSid = Assert.Single(await server.Rooms.ListParticipantsAsync("crash-1"), p => p.Identity == first.ParticipantIdentity).Sid;

        // The worker's machine dies: the server loses the /agent connection first, the room connection after.
        link.CutAgentConnection();

        var second = await probe.NextStartedAsync();
        Assert.Equal(first.JobId, second.JobId);
        Assert.Equal("crash-1", second.RoomName);
        Assert.True(second.Room.IsConnected);
        Assert.Equal(new[] { first.JobId }, survivor.Runner.RunningJobIds);
        Assert.Equal((JobStatus.JsRunning, survivorId), await JobStateAsync(server, "crash-1", dispatch.Id));

        // The server lists a new agent participant for the job (same identity, new session); the dead one is gone.
        var bot = Assert.Single(await server.Rooms.ListParticipantsAsync("crash-1"), p => p.Identity == second.ParticipantIdentity);
        Assert.NotEqual(firstSid, bot.Sid);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, bot.Kind);

        link.CutRoomConnections();
        probe.Release("crash-1");

        var outcome = await survivor.OutcomeAsync("crash-1");
        Assert.Equal(JobStatus.JsSuccess, outcome.Status);
        // The server recorded the re-dispatched job as finished by the survivor: the dead worker's participant, evicted
        // by the new session of the same identity, did not end it as "agent worker left the room".
        var recorded = await Patience.UntilAsync(
            async () => await JobAsync(server, "crash-1", dispatch.Id) is { State.Status: JobStatus.JsSuccess } j ? j : null,
            "the re-dispatched job to be reported successful");
        Assert.Equal(survivorId, recorded.State.WorkerId);
        Assert.Empty(recorded.State.Error);
    }

    [Fact]
    public async Task WorkerKilledMidJob_NoOtherWorker_JobStaysPendingUntilANewWorkerRegistersAndTakesIt()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var link = CrashableLink.Start(server.Port);
        await using var doomed = await WorkerTestHost.StartAsync(server, probe, ThroughLink(link));

        var dispatch = await server.Dispatch.CreateDispatchAsync("crash-2", AgentName, """{"kind":"call","callRoom":"crash-2"}""");
        var first = await probe.NextStartedAsync();
        Assert.Equal((JobStatus.JsRunning, doomed.Registration.WorkerId!), await JobStateAsync(server, "crash-2", dispatch.Id));

        link.CutAgentConnection();

        // The server reports the job pending, with no worker, rather than running on a dead one.
        var pending = await Patience.UntilAsync(
            async () => await JobAsync(server, "crash-2", dispatch.Id) is { State.Status: JobStatus.JsPending } j ? j : null,
            "the dead worker's job to be pending again");
        Assert.Empty(pending.State.WorkerId);

        // Its participant vanishing afterwards does not end the pending job.
        link.CutRoomConnections();
        await Patience.UntilAsync(
            async () => (await server.Rooms.ListParticipantsAsync("crash-2")).Any(p => p.Identity == first.ParticipantIdentity) ? null : "gone",
            "the dead worker's participant to leave the room");
        Assert.Equal((JobStatus.JsPending, string.Empty), await JobStateAsync(server, "crash-2", dispatch.Id));

        await using var newcomer = await WorkerTestHost.StartAsync(server, probe);
        var resumed = await probe.NextStartedAsync();
        Assert.Equal(first.JobId, resumed.JobId);
        Assert.Equal((JobStatus.JsRunning, newcomer.Registration.WorkerId!), await JobStateAsync(server, "crash-2", dispatch.Id));
        Assert.Contains(await server.Rooms.ListParticipantsAsync("crash-2"), p => p.Identity == resumed.ParticipantIdentity && p.Kind == ParticipantInfo.Types.Kind.Agent);

        probe.Release("crash-2");
        Assert.Equal(JobStatus.JsSuccess, (await newcomer.OutcomeAsync("crash-2")).Status);
    }

    [Fact]
    public async Task WorkerKilledMidJob_DispatchNeverRestarts_JobEndsFailedWithTheReason()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var link = CrashableLink.Start(server.Port);
        await using var doomed = await WorkerTestHost.StartAsync(server, probe, ThroughLink(link));
        await using var bystander = await WorkerTestHost.StartAsync(server, probe);
        await server.Rooms.CreateRoomAsync(new CreateRoomRequest { Name = "crash-3" });

        var dispatch = await server.Dispatch.CreateDispatchAsync(new CreateAgentDispatchRequest
        {
            Room = "crash-3",
            AgentName = AgentName,
            Metadata = """{"kind":"call","callRoom":"crash-3"}""",
            RestartPolicy = JobRestartPolicy.JrpNever,
        });
        await probe.NextStartedAsync();
        Assert.Equal((JobStatus.JsRunning, doomed.Registration.WorkerId!), await JobStateAsync(server, "crash-3", dispatch.Id));

        link.CutAgentConnection();

        var failed = await Patience.UntilAsync(
            async () => await JobAsync(server, "crash-3", dispatch.Id) is { State.Status: JobStatus.JsFailed } j ? j : null,
            "the dead worker's job to be recorded as failed");
        Assert.Equal("agent worker disconnected", failed.State.Error);
        Assert.Equal(0, bystander.Runner.ActiveJobs);
    }

    [Fact]
    public async Task WorkerKilledMidJob_ServerSeesTheRoomConnectionGoFirst_JobEndsFailedAsAgentLeftTheRoom()
    {
        await using var server = await LiveKitTestServer.StartAsync();
        var probe = new JobProbe();
        await using var link = CrashableLink.Start(server.Port);
        await using var doomed = await WorkerTestHost.StartAsync(server, probe, ThroughLink(link));

        var dispatch = await server.Dispatch.CreateDispatchAsync("crash-4", AgentName, """{"kind":"call","callRoom":"crash-4"}""");
        await probe.NextStartedAsync();

        link.CutRoomConnections();

        var failed = await Patience.UntilAsync(
            async () => await JobAsync(server, "crash-4", dispatch.Id) is { State.Status: JobStatus.JsFailed } j ? j : null,
            "the job whose agent vanished from the room to be recorded as failed");
        Assert.Equal("agent worker left the room", failed.State.Error);

        link.CutAgentConnection();
    }

    private static Dictionary<string, string?> ThroughLink(CrashableLink link) => new() { ["LIVEKIT_URL"] = link.Url };

    private static async Task<Job?> JobAsync(LiveKitTestServer server, string room, string dispatchId) =>
        Assert.Single(await server.Dispatch.ListDispatchAsync(room), d => d.Id == dispatchId).State.Jobs.SingleOrDefault();

    private static async Task<(JobStatus Status, string WorkerId)> JobStateAsync(LiveKitTestServer server, string room, string dispatchId) =>
        await JobAsync(server, room, dispatchId) is { } job ? (job.State.Status, job.State.WorkerId) : throw new InvalidOperationException("the dispatch has no job");
}
