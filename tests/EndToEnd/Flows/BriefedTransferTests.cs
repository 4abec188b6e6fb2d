using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using WarmTransfer.EndToEnd.Infrastructure;
using WarmTransfer.EndToEnd.Pages;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace WarmTransfer.EndToEnd.Flows;

/// <summary>
/// The transfer with the real worker (src/TransferAgent in-process on its offline defaults): three browsers, every
/// person speaking through a fake microphone playing flite speech. The bot transcribes the call live onto Alice's
/// console, plays hold audio to the caller, and briefs Bob out loud; Bob's page records what it heard and the worker's
/// own offline speech recogniser transcribes it back.
/// </summary>
[Collection(BrowserGroup.Name)]
public sealed partial class BriefedTransferTests(BrowserFixture browsers, ITestOutputHelper output)
{
    public const string AliceSpeech = "Thank you Pat. I can see the two charges on your order. Let me transfer you to our billing team.";

    public const string BobSpeech = "Hello Pat, this is Bob from billing. I can help you with that refund today.";

    /// <summary>What Alice writes for Bob: the key facts the spoken summary must carry.</summary>
    public const string Notes = "Pat Lee was charged twice for order 4567 and wants a refund for the second charge.";

    private const string HoldText = "On hold: you are being transferred. Please stay on the line.";

    static BriefedTransferTests() => SetDefaultExpectTimeout(TestTimeouts.PageMs);

    [Fact]
    public async Task Transfer_WithTheWorker_CallerHearsHoldBobHearsTheSummaryAndTakesTheCall()
    {
        var shots = new Screenshots();
        await using var system = await LocalSystem.StartAsync(new LocalSystemOptions { StartWorker = TransferWorker.StartAsync });
        await using var s = await TransferScenario.StartAsync(
            browsers,
            system,
            new PageOptions { FakeMicrophoneWav = await SpeechWav.SharedAsync(TransferFlowTests.CallerSpeech) },
            new PageOptions { FakeMicrophoneWav = await SpeechWav.SharedAsync(AliceSpeech) },
            new PageOptions { FakeMicrophoneWav = await SpeechWav.SharedAsync(BobSpeech) });
        var caller = await s.CallerIdentityAsync(system);

        // The call: both hear each other, and the bot's live transcript shows both speakers on Alice's console.
        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Alice.");
        await ReceivedAudio.ExpectHeardAsync(s.AgentA.Session, ReceivedAudio.From(caller), "the caller");
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.From("alice"), "Alice");
        var lines = s.AgentA.Transcript.Locator("li");
        await Expect(lines.Filter(new() { HasTextRegex = CallerLine() }).First).ToBeVisibleAsync();
        await Expect(lines.Filter(new() { HasTextRegex = AliceLine() }).First).ToBeVisibleAsync();
        output.WriteLine("transcript: " + string.Join(" | ", await lines.AllInnerTextsAsync()));
        await s.ScreenshotAllAsync(shots, "call-with-transcript");

        // Bob's page records whatever the bot's briefing track plays, from before it exists.
        var briefing = await PageRecorder.StartAsync(s.AgentB.Session, ReceivedAudio.Track("briefing"));
        await s.StartTransferToBobAsync(Notes);

        await Expect(s.Caller.Status).ToHaveTextAsync(HoldText);
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.Track("hold"), "hold audio");
        await Expect(s.AgentB.IncomingTransfers).ToContainTextAsync("Alice wants to transfer a call to you.");
        await s.ScreenshotAllAsync(shots, "on-hold");

        await s.AgentB.Page.GetByRole(AriaRole.Button, new() { Name = "Join the briefing for the transfer from Alice" }).ClickAsync();

        // The summary's text as the bot speaks it, then the whole spoken summary, heard back.
        await Expect(s.AgentB.Session.ById("handoff-status")).ToContainTextAsync("The assistant is speaking the summary…");
        await Expect(s.AgentB.Summary).ToContainTextAsync("4567");
        await Expect(s.AgentB.Summary).ToContainTextAsync(new Regex("refund", RegexOptions.IgnoreCase));
        await Expect(s.AgentB.Session.ById("handoff-status")).ToContainTextAsync("The assistant has finished the summary.");
        var heard = await briefing.StopAsync(quiet: TimeSpan.FromSeconds(1.5), maxWait: TimeSpan.FromSeconds(90));
        var summaryText = await s.AgentB.Summary.InnerTextAsync();
        using (var transcriber = new SpeechTranscriber())
        {
            var words = await transcriber.TranscribeAsync(heard);
            output.WriteLine($"summary shown: {summaryText}");
            output.WriteLine($"summary heard ({heard.Duration.TotalSeconds:F1} s): {words}");
            Assert.True(
                heard.FirstSoundAt is not null,
                "Bob's page heard nothing on a 'briefing' track (it is published by the bot's visible companion, '<bot>-voice').");
            Assert.Contains("4567", DigitsAsHeard(words), StringComparison.Ordinal);
            Assert.Contains("refund", words, StringComparison.Ordinal);
        }

        await Expect(s.AgentA.Summary).ToContainTextAsync("4567");
        await s.ScreenshotAllAsync(shots, "briefed");

        // "Repeat summary": the briefing track, quiet after the first telling, speaks again.
        var quiet = await ReceivedAudio.ListenAsync(s.AgentB.Session, ReceivedAudio.Track("briefing"), TimeSpan.FromSeconds(2));
        Assert.True(quiet.LevelDbfs < ReceivedAudio.HeardDbfs, $"the briefing track is not quiet after the summary ({quiet.LevelDbfs:F1} dBFS)");
        await s.AgentB.Button("Repeat summary").ClickAsync();
        await ReceivedAudio.ExpectHeardAsync(s.AgentB.Session, ReceivedAudio.Track("briefing"), "the repeated summary");
        await Expect(s.AgentB.Session.ById("handoff-status")).ToContainTextAsync("The assistant has finished the summary.");
        await Expect(s.AgentB.Session.ById("transfer-error")).ToBeHiddenAsync();

        await s.AgentB.Button("Accept transfer").ClickAsync();

        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob. Alice is also on the call.");
        await Expect(s.Caller.Page.Locator(ReceivedAudio.Track("hold"))).ToHaveCountAsync(0);
        await s.AgentA.Button("Complete transfer").ClickAsync();

        await Expect(s.Caller.Status).ToHaveTextAsync("Connected to Bob.");
        await Expect(s.AgentA.CallStatus).ToHaveTextAsync("You left the call; it is now with Bob.");
        await ReceivedAudio.ExpectHeardAsync(s.AgentB.Session, ReceivedAudio.From(caller), "the caller");
        await ReceivedAudio.ExpectHeardAsync(s.Caller.Session, ReceivedAudio.From("bob"), "Bob");
        await Expect(s.AgentB.Page.Locator(ReceivedAudio.Track("hold"))).ToHaveCountAsync(0);
        await Expect(s.Caller.Page.Locator(ReceivedAudio.From("alice"))).ToHaveCountAsync(0);
        await s.ScreenshotAllAsync(shots, "completed");

        var transferId = await TransferHistory.LatestIdAsync(system, "bob");
        var history = await TransferHistory.ReadFinalAsync(system, "bob", transferId, "Completed");
        Assert.Equal(["Requested", "Briefing", "Accepted", "Completed"], history.Select(t => t.State));
        using (var bob = await system.LoginAsync("bob"))
        {
            var transfer = await bob.GetFromJsonAsync<JsonElement>($"/api/transfers/{transferId}");
            Assert.Equal(summaryText, transfer.GetProperty("summary").GetString());
        }

        foreach (var session in s.Sessions)
        {
            Assert.True(session.Errors.Count == 0, $"{session.Role}: {string.Join(Environment.NewLine, session.Errors)}");
        }
    }

    /// <summary>
    /// A spoken digit string as the recogniser wrote it, re-joined: "four" comes back as its homophone "for" ("order
    /// for 567"), and digits may be split by spaces. Only a homophone directly before a digit is read as the digit.
    /// </summary>
    private static string DigitsAsHeard(string words) =>
        DigitGap().Replace(FourBeforeDigit().Replace(words, "4"), string.Empty);

    [GeneratedRegex(@"\b(?:for|four)\s+(?=\d)")]
    private static partial Regex FourBeforeDigit();

    [GeneratedRegex(@"(?<=\d)\s+(?=\d)")]
    private static partial Regex DigitGap();

    [GeneratedRegex(@"^Pat \(caller\): \S")]
    private static partial Regex CallerLine();

    [GeneratedRegex(@"^Alice: \S")]
    private static partial Regex AliceLine();
}
