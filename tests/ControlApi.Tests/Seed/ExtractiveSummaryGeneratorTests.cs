using WarmTransfer.ControlApi.Seed;

namespace WarmTransfer.ControlApi.Tests.Seed;

public sealed class ExtractiveSummaryGeneratorTests
{
    [Fact]
    public async Task Summarize_PicksInformativeSentencesInOrderWithSpeakersAndNotes()
    {
        var generator = new ExtractiveSummaryGenerator();
        const string transcript = """
            caller: Hello.
            agent: Hi, how can I help?
            caller: My fibre connection drops every evening around eight. The router shows a red fibre light when it drops.
            agent: Okay.
            caller: I already replaced the router cable and the fibre connection still drops.
            agent: Thanks.
            """;

        var summary = await generator.SummarizeAsync(transcript, "Customer since 2019", CancellationToken.None);

        Assert.StartsWith("Summary of the call: ", summary, StringComparison.Ordinal);
        Assert.Contains("caller said: My fibre connection drops every evening around eight.", summary, StringComparison.Ordinal);
        Assert.Contains("replaced the router cable", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("Thanks", summary, StringComparison.Ordinal);
        Assert.True(summary.IndexOf("every evening", StringComparison.Ordinal) < summary.IndexOf("router cable", StringComparison.Ordinal));
        Assert.EndsWith("Notes from the transferring agent: Customer since 2019", summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Summarize_EmptyTranscript_SaysSo()
    {
        var summary = await new ExtractiveSummaryGenerator().SummarizeAsync("  ", null, CancellationToken.None);

        Assert.Equal("No transcript is available for this call.", summary);
    }
}
