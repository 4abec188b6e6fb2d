using System.Collections.Concurrent;
using System.Text.Json;
using LiveKit.Rtc;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.Briefing;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using WarmTransfer.TransferAgent.Tests.TestSupport.Rtc;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Tests.Briefing;

/// <summary>
/// One handoff room for real: an in-process dev server, a fake control API on loopback (serving the transfer's context
/// and recording the summary and events), the bot's room with <see cref="HandoffBriefingJob"/> running in it on the
/// offline engines (extractive summary, flite), and Agent B as a second <c>LiveKit.Rtc</c> client.
/// </summary>
internal sealed class BriefingScenario : IAsyncDisposable
{
    public const string TransferId = "T-77";
    public const string HandoffRoom = "handoff-T-77";
    public const string AgentB = "agent-b";

    private readonly ConcurrentQueue<WorkerEvent> _events = new();
    private readonly ConcurrentQueue<string> _summaries = new();
    private readonly Lock _gate = new();
    private readonly List<(Func<bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly CancellationTokenSource _job = new();
    private AgentBClient? _agentB;

    private BriefingScenario(LiveKitRig rig, FakeAiServer api)
    {
        Rig = rig;
        Api = api;
    }

    public LiveKitRig Rig { get; }

    public FakeAiServer Api { get; }

    public Room Bot { get; private set; } = null!;

    public Task JobTask { get; private set; } = Task.CompletedTask;

    public IReadOnlyList<WorkerEvent> Events => [.. _events];

    public IReadOnlyList<string> Summaries => [.. _summaries];

    public static async Task<BriefingScenario> StartAsync(OfflineEnginesFixture engines, string contextJson, BriefingOptions? options = null)
    {
        var scenario = new BriefingScenario(await LiveKitRig.StartAsync(), await FakeAiServer.StartAsync());
        try
        {
            scenario.Api.Respond = (path, _, request) => scenario.Answer(path, request, contextJson);
            scenario.Bot = await scenario.Rig.JoinAsync(HandoffRoom, "wt-bot");
            var controlPlane = new ControlPlaneClient(new HttpClient(), Options.Create(new ControlApiOptions { Url = scenario.Api.BaseAddress.ToString(), ApiKey = "briefing-test-key" }));
            var summarizer = new TransferSummarizer(new ExtractiveSummarizer(new ExtractiveSummaryOptions()).AsIChatClient(), SummaryPrompt.Load());
            var tts = new PcmOutputTextToSpeechClient(engines.Flite.AsITextToSpeechClient(), 48000);
            var job = new HandoffBriefingJob(controlPlane, summarizer, tts, Options.Create(options ?? new BriefingOptions()));
            scenario.JobTask = Task.Run(() => job.RunAsync(scenario.Bot, new HandoffJobRequest(TransferId, "call-77", HandoffRoom), scenario._job.Token));
            return scenario;
        }
        catch
        {
            await scenario.DisposeAsync();
            throw;
        }
    }

    /// <summary>A transfer context as the control API serialises it, for the given caller lines and notes.</summary>
    public static string Context(IEnumerable<string> callerLines, string? notes) => JsonSerializer.Serialize(new
    {
        transferId = TransferId,
        state = "Briefing",
        callRoom = "call-77",
        handoffRoom = HandoffRoom,
        fromAgent = "agent-a",
        fromAgentName = "Alice",
        toAgent = AgentB,
        toAgentName = "Bob",
        caller = "caller-1",
        notes,
        summary = (string?)null,
        transcript = callerLines.Select((text, i) => new
        {
            room = "call-77",
            segmentId = $"s{i}",
            speaker = "caller-1",
            speakerRole = "caller",
            text,
            final = true,
            startMs = i * 3000L,
            endMs = (i * 3000L) + 2500,
            at = DateTimeOffset.UnixEpoch.AddMilliseconds(i * 3000L),
        }),
    });

    public int Count(string type) => _events.Count(e => e.Type == type);

    /// <summary>Completes when <paramref name="condition"/> holds (checked on every request the fake API gets).</summary>
    public Task WaitUntilAsync(Func<BriefingScenario, bool> condition, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (condition(this))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((() => condition(this), done));
        }

        return done.Task.WaitAsync(timeout ?? TimeSpan.FromMinutes(2));
    }

    public async Task<AgentBClient> JoinAgentBAsync()
    {
        _agentB = await AgentBClient.JoinAsync(Rig, HandoffRoom, AgentB);
        return _agentB;
    }

    /// <summary>Ends the job as a worker would (cancellation) and waits for it; true if it had already ended on its own.</summary>
    public async Task CancelJobAsync()
    {
        await _job.CancelAsync();
        try
        {
            await JobTask.WaitAsync(LiveKitRig.Timeout);
        }
        catch (OperationCanceledException)
        {
            // Expected: the job was cancelled.
        }
    }

    private FakeResponse Answer(string path, CapturedRequest request, string contextJson)
    {
        FakeResponse answer;
        if (path.EndsWith("/context", StringComparison.Ordinal))
        {
            answer = FakeResponse.Json(contextJson);
        }
        else if (path.EndsWith("/summary", StringComparison.Ordinal))
        {
            using var body = JsonDocument.Parse(request.Body);
            _summaries.Enqueue(body.RootElement.GetProperty("text").GetString()!);
            answer = new FakeResponse(204, [], "text/plain");
        }
        else if (path.EndsWith("/events", StringComparison.Ordinal))
        {
            using var body = JsonDocument.Parse(request.Body);
            var root = body.RootElement;
            _events.Enqueue(new WorkerEvent(root.GetProperty("type").GetString()!, root.TryGetProperty("detail", out var d) ? d.GetString() : null));
            answer = new FakeResponse(204, [], "text/plain");
        }
        else
        {
            answer = FakeResponse.Error(404);
        }

        lock (_gate)
        {
            for (int i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Condition())
                {
                    _waiters[i].Done.TrySetResult();
                    _waiters.RemoveAt(i);
                }
            }
        }

        return answer;
    }

    public async ValueTask DisposeAsync()
    {
        await CancelJobAsync();
        if (_agentB is not null)
        {
            await _agentB.DisposeAsync();
        }

        if (Bot is not null)
        {
            await Bot.DisposeAsync();
        }

        await Api.DisposeAsync();
        await Rig.DisposeAsync();
        _job.Dispose();
    }
}
