using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Pages;

[Collection(BrowserGroup.Name)]
public sealed class CallerPageTests(BrowserFixture browsers)
{
    static CallerPageTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task StartCall_AgentAnswers_BothPagesShowWhoTheyAreTalkingTo()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var agentSession = agent.Session;
        await agent.SignInAsync("alice");
        var caller = await CallerPage.OpenAsync(browsers, system);
        await using var callerSession = caller.Session;
        await shots.TakeAsync(caller.Session, "start");

        await caller.StartCallAsync("Pat");

        await shots.TakeAsync(caller.Session, "waiting-for-agent");
        await Expect(agent.WaitingCalls).ToContainTextAsync("Pat is waiting");
        await shots.TakeAsync(agent.Session, "incoming-call");
        await ExpectMicrophoneLevelAboveZeroAsync(caller.MicLevel);

        await agent.AnswerAsync("Pat");

        await Expect(caller.Status).ToHaveTextAsync("Connected to Alice.");
        await Expect(agent.WaitingCalls).Not.ToContainTextAsync("Pat");
        await ExpectMicrophoneLevelAboveZeroAsync(agent.Page.GetByRole(AriaRole.Meter, new() { Name = "Microphone level" }).First);
        await shots.TakeAsync(caller.Session, "connected");
        await shots.TakeAsync(agent.Session, "on-call");
        Assert.Empty(caller.Session.Errors);
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task StartCall_MicrophoneIsPublishedForTranscription_At64kbsWithoutDtx()
    {
        await using var system = await LocalSystem.StartAsync();
        var caller = await CallerPage.OpenAsync(browsers, system, options: new PageOptions { InitScript = RecordPeerConnections });
        await using var callerSession = caller.Session;

        await caller.StartCallAsync("Pat");
        await ExpectMicrophoneLevelAboveZeroAsync(caller.MicLevel);

        // What the browser really negotiated and configured for the microphone's sender: the offline recogniser's word
        // error rate is measured at 64 kb/s, and DTX would thin the pauses the VAD segments on.
        var sender = await caller.Page.WaitForFunctionAsync(
            """
            () => {
              for (const pc of window.__peerConnections) {
                const audio = pc.getSenders().find(s => s.track?.kind === 'audio');
                if (audio && pc.currentLocalDescription) {
                  return { maxBitrate: audio.getParameters().encodings?.[0]?.maxBitrate ?? 0, sdp: pc.currentLocalDescription.sdp };
                }
              }
              return null;
            }
            """);
        var published = await sender.JsonValueAsync<System.Text.Json.JsonElement>();
        Assert.Equal(64_000, published.GetProperty("maxBitrate").GetInt32());
        var opusFormat = Regex.Match(published.GetProperty("sdp").GetString()!, @"a=fmtp:111 ([^\r\n]*)");
        Assert.True(opusFormat.Success, "the microphone's offer has no Opus format line");
        Assert.DoesNotContain("usedtx=1", opusFormat.Groups[1].Value, StringComparison.Ordinal);
        Assert.Empty(caller.Session.Errors);
    }

    /// <summary>Keeps every RTCPeerConnection the page creates in <c>window.__peerConnections</c>.</summary>
    private const string RecordPeerConnections =
        """
        window.__peerConnections = [];
        const Native = window.RTCPeerConnection;
        window.RTCPeerConnection = class extends Native {
          constructor(...args) { super(...args); window.__peerConnections.push(this); }
        };
        """;

    [Fact]
    public async Task Mute_CallerMutes_MeterDropsToZeroAndButtonIsPressed()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var caller = await CallerPage.OpenAsync(browsers, system);
        await using var callerSession = caller.Session;
        await caller.StartCallAsync("Pat");
        await ExpectMicrophoneLevelAboveZeroAsync(caller.MicLevel);

        await caller.Button("Mute").ClickAsync();

        await Expect(caller.Button("Mute")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(caller.Session.ById("mic-state")).ToHaveTextAsync("Microphone off (muted)");
        await Expect(caller.MicLevel).ToHaveJSPropertyAsync("value", 0);
        await shots.TakeAsync(caller.Session, "muted");

        await caller.Button("Mute").ClickAsync();

        await Expect(caller.Button("Mute")).ToHaveAttributeAsync("aria-pressed", "false");
        await ExpectMicrophoneLevelAboveZeroAsync(caller.MicLevel);
        Assert.Empty(caller.Session.Errors);
    }

    [Fact]
    public async Task EndCall_AgentSeesTheCallerHungUp_CallerCanStartAgain()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var agentSession = agent.Session;
        await agent.SignInAsync("alice");
        var caller = await CallerPage.OpenAsync(browsers, system);
        await using var callerSession = caller.Session;
        await caller.StartCallAsync("Pat");
        await agent.AnswerAsync("Pat");

        await caller.Button("End call").ClickAsync();

        await Expect(caller.Status).ToHaveTextAsync("Call ended. You hung up.");
        await Expect(caller.Button("Start a new call")).ToBeFocusedAsync();
        await Expect(agent.CallStatus).ToHaveTextAsync("The caller hung up.");
        await shots.TakeAsync(caller.Session, "ended");
        await shots.TakeAsync(agent.Session, "caller-hung-up");
        Assert.Empty(caller.Session.Errors);
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task EndCallForEveryone_Agent_CallerSeesTheCallClosed()
    {
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var agentSession = agent.Session;
        await agent.SignInAsync("alice");
        var caller = await CallerPage.OpenAsync(browsers, system);
        await using var callerSession = caller.Session;
        await caller.StartCallAsync("Pat");
        await agent.AnswerAsync("Pat");

        await agent.Button("End call for everyone").ClickAsync();

        await Expect(caller.Status).ToHaveTextAsync("Call ended. The agent closed the call.");
        await Expect(agent.CallStatus).ToContainTextAsync("The call ended.");
        Assert.Empty(caller.Session.Errors);
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task InviteLink_AfterTheCallerDropped_CallerRejoinsTheSameCall()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();
        var agent = await AgentConsolePage.OpenAsync(browsers, system, "agentA");
        await using var agentSession = agent.Session;
        await agent.SignInAsync("alice");
        var caller = await CallerPage.OpenAsync(browsers, system);
        await using var callerSession = caller.Session;
        await caller.StartCallAsync("Pat");
        await agent.AnswerAsync("Pat");
        await caller.Button("End call").ClickAsync();
        await Expect(agent.CallStatus).ToHaveTextAsync("The caller hung up.");

        await agent.Button("Caller invite link").ClickAsync();
        // The control API fills the field after the click; read it only once it holds a link.
        var linkField = agent.Page.GetByLabel("Invite link for the caller");
        await Expect(linkField).ToHaveValueAsync(new Regex("^http://"));
        var link = await linkField.InputValueAsync();
        await shots.TakeAsync(agent.Session, "invite-link");
        var again = new CallerPage(await browsers.OpenAsync("caller", link));
        await using var againSession = again.Session;
        await Expect(again.Page.GetByRole(AriaRole.Heading, new() { Name = "Join your call" })).ToBeVisibleAsync();
        await Expect(again.Session.ById("start-intro")).ToHaveTextAsync("Your agent invited you, Pat, back to your call. Join when you are ready.");
        await again.Button("Join call").ClickAsync();

        await Expect(again.Status).ToHaveTextAsync("Connected to Alice.");
        Assert.Equal(await agent.Page.EvaluateAsync<string>("() => document.body.dataset.callRoom"), await again.RoomAsync());
        await Expect(agent.CallStatus).ToHaveTextAsync("On a call with Pat.");
        await shots.TakeAsync(again.Session, "rejoined");
        Assert.Empty(again.Session.Errors);
        Assert.Empty(agent.Session.Errors);
    }

    [Fact]
    public async Task FakeMicrophone_SpeechFromFlite_ShowsOnTheCallersMeter()
    {
        var folder = Directory.CreateTempSubdirectory("wt-e2e-speech-").FullName;
        try
        {
            var wav = await SpeechWav.CreateAsync("Hello, I would like a refund for order one two three four.", Path.Combine(folder, "caller.wav"));
            await using var system = await LocalSystem.StartAsync();
            var caller = new CallerPage(await browsers.OpenAsync("caller-speech", system.PageUrl("caller.html"), new PageOptions { FakeMicrophoneWav = wav }));
            await using var callerSession = caller.Session;

            await caller.StartCallAsync("Pat");

            await ExpectMicrophoneLevelAboveZeroAsync(caller.MicLevel);
            Assert.Empty(caller.Session.Errors);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Link_NameOnlyOrRoomWithoutInvitation_PrefillsAndExplains()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync();

        var named = await CallerPage.OpenAsync(browsers, system, "?name=Pat%20Lee");
        await using var namedSession = named.Session;
        await Expect(named.Page.GetByLabel("Your name")).ToHaveValueAsync("Pat Lee");
        await Expect(named.Button("Start call")).ToBeVisibleAsync();

        var roomOnly = await CallerPage.OpenAsync(browsers, system, "?room=call-abc&name=Pat");
        await using var roomOnlySession = roomOnly.Session;
        await Expect(roomOnly.Session.ById("start-intro")).ToContainTextAsync("carries no invitation");
        await shots.TakeAsync(roomOnly.Session, "room-without-invitation");
        Assert.Empty(named.Session.Errors);
        Assert.Empty(roomOnly.Session.Errors);
    }

    /// <summary>The fake microphone (a beep) shows on the meter: the level comes from the real captured track.</summary>
    internal static async Task ExpectMicrophoneLevelAboveZeroAsync(ILocator meter)
    {
        var element = await meter.ElementHandleAsync();
        await meter.Page.WaitForFunctionAsync(
            "meter => meter.value > 0",
            element,
            new PageWaitForFunctionOptions { Timeout = TestTimeouts.PageMs, PollingInterval = 100 });
    }
}
