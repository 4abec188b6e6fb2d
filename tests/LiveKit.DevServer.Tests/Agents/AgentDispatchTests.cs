using LiveKit.Api;
using LiveKit.DevServer.Tests.Support;
using LiveKit.Proto;

namespace LiveKit.DevServer.Tests.Agents;

/// <summary>The /agent worker protocol and dispatch, with our own worker client over real sockets.</summary>
public sealed class AgentDispatchTests
{
    [Fact]
    public async Task Register_AnsweredWithWorkerIdAndServerInfo_PingAnswered()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "warm-transfer");

        Assert.StartsWith("AW_", worker.WorkerId, StringComparison.Ordinal);
        Assert.Equal(1, worker.Registration!.ServerInfo.AgentProtocol);
        Assert.Matches(@"^\d+\.\d+\.\d+$", worker.Registration.ServerInfo.Version);

        await worker.SendAsync(new WorkerMessage { Ping = new WorkerPing { Timestamp = 777 } });
        Assert.Equal(777, (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Pong)).Pong.LastTimestamp);
    }

    [Fact]
    public async Task CreateDispatch_WorkerGetsJobAndTokenWithTheRightGrants_TokenJoinsAsHiddenAgent()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "warm-transfer", permissions: new ParticipantPermission { CanSubscribe = true, CanPublish = true, CanPublishData = true, Hidden = true, CanUpdateMetadata = true });
        worker.Answer = r => new AvailabilityResponse { JobId = r.Job.Id, Available = true, ParticipantIdentity = "transfer-bot", ParticipantName = "Transfer bot", ParticipantAttributes = { ["wt.role"] = "bot" } };
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);

        var dispatch = await dispatches.CreateDispatchAsync("call-1", "warm-transfer", """{"kind":"call","callRoom":"call-1"}""");

        var availability = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Availability)).Availability;
        Assert.StartsWith("AD_", dispatch.Id, StringComparison.Ordinal);
        Assert.StartsWith("AJ_", availability.Job.Id, StringComparison.Ordinal);
        Assert.Equal(dispatch.Id, availability.Job.DispatchId);
        Assert.Equal("call-1", availability.Job.Room.Name);
        Assert.StartsWith("RM_", availability.Job.Room.Sid, StringComparison.Ordinal);
        Assert.Equal(JobType.JtRoom, availability.Job.Type);
        Assert.Equal("""{"kind":"call","callRoom":"call-1"}""", availability.Job.Metadata);
        Assert.False(availability.Resuming);

        var assignment = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment;
        Assert.Equal(availability.Job.Id, assignment.Job.Id);
        Assert.Equal(JobStatus.JsRunning, assignment.Job.State.Status);
        Assert.Equal(worker.WorkerId, assignment.Job.State.WorkerId);
        var claims = new TokenVerifier(server.ApiKey, server.ApiSecret).VerifyForJoin(assignment.Token);
        Assert.Equal("transfer-bot", claims.Identity);
        Assert.Equal("Transfer bot", claims.Name);
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, claims.Kind);
        Assert.Equal("warm-transfer", claims.Attributes["lk.agent_name"]);
        Assert.Equal("bot", claims.Attributes["wt.role"]);
        Assert.True(claims.Video!.RoomJoin);
        Assert.Equal("call-1", claims.Video.Room);
        Assert.True(claims.Video.Agent);
        Assert.True(claims.Video.Hidden);
        Assert.True(claims.Video.CanUpdateOwnMetadata);
        Assert.True(claims.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(50));

        var listed = Assert.Single(await dispatches.ListDispatchAsync("call-1"), d => d.AgentName == "warm-transfer");
        var job = Assert.Single(listed.State.Jobs);
        Assert.Equal(JobStatus.JsRunning, job.State.Status);
        Assert.Equal("transfer-bot", job.State.ParticipantIdentity);

        var (agent, join) = await SignalTestClient.JoinAsync(server, assignment.Token);
        await using var _ = agent;
        Assert.Equal(ParticipantInfo.Types.Kind.Agent, join.Participant.Kind);
        Assert.True(join.Participant.Permission.Hidden);
        Assert.Equal("warm-transfer", join.Participant.Attributes["lk.agent_name"]);
    }

    [Fact]
    public async Task RoomCreatedWithAgents_AndTokenRoomConfig_DispatchOnCreation()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "greeter");
        var rooms = new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);

        await rooms.CreateRoomAsync(new CreateRoomRequest { Name = "by-api", Agents = { new RoomAgentDispatch { AgentName = "greeter", Metadata = "api" } } });
        var fromApi = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job;

        var token = Tokens.Join(server, "by-token", "alice", token: t => t.WithAgents(new RoomAgentDispatch { AgentName = "greeter", Metadata = "token" }));
        var (alice, _) = await SignalTestClient.JoinAsync(server, token);
        await using var a = alice;
        var fromToken = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job;

        Assert.Equal(("by-api", "api"), (fromApi.Room.Name, fromApi.Metadata));
        Assert.Equal(("by-token", "token"), (fromToken.Room.Name, fromToken.Metadata));
    }

    [Fact]
    public async Task TwoWorkers_JobsGoToTheLeastLoaded_FullWorkersSkipped()
    {
        await using var server = await TestServer.StartAsync();
        await using var busy = await TestWorker.RegisterAsync(server, "pool");
        await using var idle = await TestWorker.RegisterAsync(server, "pool");
        await busy.ReportAsync(0.8f);
        await idle.ReportAsync(0.1f);
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);

        await dispatches.CreateDispatchAsync("room-1", "pool");
        var first = (await idle.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment;

        await busy.ReportAsync(0.2f);
        await idle.ReportAsync(0.9f);
        await dispatches.CreateDispatchAsync("room-2", "pool");
        var second = (await busy.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment;

        await busy.ReportAsync(0.2f, WorkerStatus.WsFull);
        await dispatches.CreateDispatchAsync("room-3", "pool");
        var third = (await idle.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment;

        Assert.Equal(["room-1", "room-2", "room-3"], new[] { first, second, third }.Select(a => a.Job.Room.Name));
        Assert.DoesNotContain(await busy.DrainQuietAsync(), m => m.MessageCase == ServerMessage.MessageOneofCase.Availability && m.Availability.Job.Room.Name != "room-2");
    }

    [Fact]
    public async Task WorkerDeclines_JobOfferedToTheNext()
    {
        await using var server = await TestServer.StartAsync();
        await using var picky = await TestWorker.RegisterAsync(server, "pool");
        picky.Answer = r => new AvailabilityResponse { JobId = r.Job.Id, Available = false };
        await using var willing = await TestWorker.RegisterAsync(server, "pool");
        await willing.ReportAsync(0.5f);

        await new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).CreateDispatchAsync("room-1", "pool");

        Assert.Equal("room-1", (await picky.WaitForAsync(ServerMessage.MessageOneofCase.Availability)).Availability.Job.Room.Name);
        Assert.Equal("room-1", (await willing.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job.Room.Name);
    }

    [Fact]
    public async Task WorkerCrashes_JobRedispatchedToAnotherWorker_AsResuming()
    {
        await using var server = await TestServer.StartAsync();
        await using var first = await TestWorker.RegisterAsync(server, "pool");
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        await dispatches.CreateDispatchAsync("room-1", "pool");
        var job = (await first.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job;
        await using var second = await TestWorker.RegisterAsync(server, "pool");

        first.Crash();

        var offer = (await second.WaitForAsync(ServerMessage.MessageOneofCase.Availability)).Availability;
        Assert.Equal(job.Id, offer.Job.Id);
        Assert.True(offer.Resuming);
        Assert.Equal(job.Id, (await second.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job.Id);
    }

    [Fact]
    public async Task NoWorkerYet_JobWaits_AndGoesToTheFirstWorkerThatRegisters()
    {
        await using var server = await TestServer.StartAsync();
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        var dispatch = await dispatches.CreateDispatchAsync("room-1", "late");
        Assert.Equal(JobStatus.JsPending, Assert.Single(dispatch.State.Jobs).State.Status);

        await using var worker = await TestWorker.RegisterAsync(server, "late");

        Assert.Equal(dispatch.Id, (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job.DispatchId);
    }

    [Fact]
    public async Task RoomDeleted_RunningJobTerminated_UpdateJobEndsIt()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "pool");
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        await dispatches.CreateDispatchAsync("room-1", "pool");
        await dispatches.CreateDispatchAsync("room-2", "pool");
        var jobs = new[]
        {
            (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job,
            (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job,
        };
        var inRoom1 = jobs.Single(j => j.Room.Name == "room-1");
        var inRoom2 = jobs.Single(j => j.Room.Name == "room-2");

        await worker.SendAsync(new WorkerMessage { UpdateJob = new UpdateJobStatus { JobId = inRoom2.Id, Status = JobStatus.JsSuccess } });
        await new RoomServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).DeleteRoomAsync("room-1");

        Assert.Equal(inRoom1.Id, (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Termination)).Termination.JobId);
        var ended = Assert.Single(Assert.Single(await dispatches.ListDispatchAsync("room-2"), d => d.AgentName == "pool").State.Jobs);
        Assert.Equal(JobStatus.JsSuccess, ended.State.Status);
    }

    [Fact]
    public async Task DeleteDispatch_TerminatesItsJob()
    {
        await using var server = await TestServer.StartAsync();
        await using var worker = await TestWorker.RegisterAsync(server, "pool");
        var dispatches = new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret);
        var dispatch = await dispatches.CreateDispatchAsync("room-1", "pool");
        var job = (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job;

        var deleted = await dispatches.DeleteDispatchAsync(dispatch.Id, "room-1");

        Assert.Equal(dispatch.Id, deleted.Id);
        Assert.Equal(job.Id, (await worker.WaitForAsync(ServerMessage.MessageOneofCase.Termination)).Termination.JobId);
        Assert.DoesNotContain(await dispatches.ListDispatchAsync("room-1"), d => d.Id == dispatch.Id);
        var missing = await Assert.ThrowsAsync<TwirpException>(() => dispatches.DeleteDispatchAsync(dispatch.Id, "room-1"));
        Assert.Equal(TwirpErrorCode.NotFound, missing.Code);
    }

    [Fact]
    public async Task BadWorkers_NoAgentGrant401_FirstMessageNotRegister_Malformed_ClosedWithReason()
    {
        await using var server = await TestServer.StartAsync();
        using (var socket = new System.Net.WebSockets.ClientWebSocket())
        {
            socket.Options.CollectHttpResponseDetails = true;
            socket.Options.SetRequestHeader("Authorization", "Bearer " + Tokens.Join(server, "r", "not-an-agent"));
            await Assert.ThrowsAsync<System.Net.WebSockets.WebSocketException>(() => socket.ConnectAsync(new Uri($"{server.Url}/agent"), CancellationToken.None));
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, socket.HttpStatusCode);
        }

        await using var early = await TestWorker.ConnectAsync(server);
        await early.SendAsync(new WorkerMessage { UpdateWorker = new UpdateWorkerStatus { Load = 0.5f } });
        await early.Closed.WaitAsync(TestTimeouts.Event);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, early.CloseStatus);
        Assert.Contains("register", early.CloseDescription, StringComparison.Ordinal);

        await using var good = await TestWorker.RegisterAsync(server, "pool");
        await using var garbage = await TestWorker.RegisterAsync(server, "pool");
        await garbage.SendRawAsync([0x0A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F]);
        await garbage.Closed.WaitAsync(TestTimeouts.Event);
        Assert.Equal(System.Net.WebSockets.WebSocketCloseStatus.InvalidPayloadData, garbage.CloseStatus);
        Assert.Contains("malformed WorkerMessage", garbage.CloseDescription, StringComparison.Ordinal);

        await new AgentDispatchServiceClient(server.HttpUrl, server.ApiKey, server.ApiSecret).CreateDispatchAsync("room-1", "pool");
        Assert.Equal("room-1", (await good.WaitForAsync(ServerMessage.MessageOneofCase.Assignment)).Assignment.Job.Room.Name);
    }
}
