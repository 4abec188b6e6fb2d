using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Providers.Offline.Extractive;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;
using Xunit.Abstractions;

namespace WarmTransfer.TransferAgent.Tests.Providers.Offline;

public sealed class ExtractiveSummarizerTests(ITestOutputHelper output)
{
    [Fact]
    public void Summarize_DoubleChargeCall_KeepsWhoWhatHowMuchAndNextStep()
    {
        var summarizer = new ExtractiveSummarizer(new ExtractiveSummaryOptions());

        string summary = summarizer.Summarize(SampleTransfers.DoubleCharge());

        output.WriteLine(summary);
        output.WriteLine($"spoken words: {SpeakableText.EstimateSpokenWords(summary)}, about {SpeakableText.EstimateDuration(summary).TotalSeconds:0} s");
        Assert.Contains("John Smith", summary, StringComparison.Ordinal);
        Assert.Contains("account 471293", summary, StringComparison.Ordinal);
        Assert.Contains("$245", summary, StringComparison.Ordinal);
        Assert.Contains("charged", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("twice", summary, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Next step for you: needs refund approval for the second charge.", summary, StringComparison.Ordinal);
        Assert.Contains("frustrated", summary, StringComparison.Ordinal);
        Assert.Contains("they were charged", summary, StringComparison.Ordinal); // reported speech, not "I was charged"
        Assert.DoesNotContain(" my ", summary, StringComparison.OrdinalIgnoreCase);
        Assert.True(SpeakableText.EstimateDuration(summary) < TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Summarize_NotesStateTheIssueAndTheTranscriptIsMisheard_NameFromTheNotesAndNoMisheardNextStep()
    {
        // What the browser test's worker produced from Chromium's fake microphone: pocketsphinx mishears most of it.
        var context = new TransferContext
        {
            TransferId = "T-3003",
            Transcript =
            [
                new(TranscriptSpeaker.Caller, "hello i was charged twice for order four five six seven", TimeSpan.FromSeconds(3)),
                new(TranscriptSpeaker.Caller, "whoa that it out when they were charred black or order or hearted about it and they would like", TimeSpan.FromSeconds(9)),
            ],
            Notes = "Pat Lee was charged twice for order 4567 and wants a refund for the second charge.",
        };

        string summary = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(context);

        output.WriteLine(summary);
        Assert.StartsWith("Caller: Pat Lee, order 4567.", summary, StringComparison.Ordinal);
        Assert.Contains("Issue: Pat Lee was charged twice for order 4567", summary, StringComparison.Ordinal);
        Assert.Contains("Next step for you: review the charges with the caller and decide on a refund.", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("whoa", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_SameInput_SameOutput()
    {
        var a = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(SampleTransfers.DoubleCharge());
        var b = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(SampleTransfers.DoubleCharge());

        Assert.Equal(a, b);
    }

    [Fact]
    public void Summarize_NoNotes_DerivesNameNumberIssueAndNextStepFromTheCall()
    {
        string summary = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(SampleTransfers.LockedOut());

        output.WriteLine(summary);
        Assert.Contains("Maria Garcia", summary, StringComparison.Ordinal);
        Assert.Contains("55501982", summary, StringComparison.Ordinal);
        Assert.Contains("locked out", summary, StringComparison.Ordinal);
        Assert.Contains("reset their password", summary, StringComparison.Ordinal);
        Assert.Contains("Next step for you: verify the caller's identity and restore access.", summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(40)]
    [InlineData(75)]
    public void Summarize_LongCall_StaysWithinTheSpokenWordBudget(int budget)
    {
        var context = SampleTransfers.DoubleCharge();
        var longCall = context with
        {
            Transcript = [.. context.Transcript, .. Enumerable.Range(0, 40).Select(i => new TranscriptLine(TranscriptSpeaker.Caller, $"and another thing the app has a problem with statement number {i} which is wrong and broken and frustrating"))],
            Notes = context.Notes + " Customer has been with us for twelve years and has a premium card and we should keep them happy because they are upset.",
        };

        string summary = new ExtractiveSummarizer(new ExtractiveSummaryOptions { MaxSpokenWords = budget }).Summarize(longCall);

        output.WriteLine(summary);
        Assert.InRange(SpeakableText.EstimateSpokenWords(summary), 10, budget);
        Assert.Contains("471293", summary, StringComparison.Ordinal);
        Assert.Contains("Next step for you:", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetResponseAsync_RequestInSummaryFormat_ReturnsTheSummaryAsAssistantMessage()
    {
        using IChatClient client = new ExtractiveSummarizer(new ExtractiveSummaryOptions()).AsIChatClient();
        var context = SampleTransfers.DoubleCharge();

        var response = await client.GetResponseAsync([new(ChatRole.System, "Summarise."), new(ChatRole.User, SummaryRequestFormat.Format(context))]);

        Assert.Equal(ChatRole.Assistant, response.Messages.Single().Role);
        Assert.Equal(new ExtractiveSummarizer(new ExtractiveSummaryOptions()).Summarize(context), response.Text);
        Assert.Equal("extractive", client.GetService<ChatClientMetadata>()?.ProviderName);
    }
}
