using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Summaries;
using WarmTransfer.TransferAgent.Tests.TestSupport;

namespace WarmTransfer.TransferAgent.Tests.Summaries;

public sealed class TransferSummarizerTests
{
    [Fact]
    public async Task SummarizeAsync_LongMarkdownAnswer_IsCleanedCutToBudgetAndKeepsTheNextStep()
    {
        IList<ChatMessage>? sent = null;
        var chat = new TestChatClient
        {
            GetResponseAsyncCallback = (messages, _, _) =>
            {
                sent = [.. messages];
                string longAnswer = "## Briefing\n- **Caller:** John Smith, account 471293.\n" +
                    string.Concat(Enumerable.Repeat("- The caller explained the situation again in great detail with many words. ", 8)) +
                    "\nNext step for you: approve the refund of $245.";
                return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, longAnswer)));
            },
        };
        var summarizer = new TransferSummarizer(chat, new SummaryPrompt("Summarise for Agent B."), maxSpokenWords: 60);

        var summary = await summarizer.SummarizeAsync(SampleTransfers.DoubleCharge());

        Assert.StartsWith("Briefing Caller: John Smith, account 471293.", summary.Text, StringComparison.Ordinal);
        Assert.EndsWith("Next step for you: approve the refund of $245.", summary.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("*", summary.Text, StringComparison.Ordinal);
        Assert.True(SpeakableText.EstimateSpokenWords(summary.SpeakableText) <= 60);
        Assert.Equal("Summarise for Agent B.", sent![0].Text);
        Assert.Equal(ChatRole.System, sent[0].Role);
        Assert.True(SummaryRequestFormat.TryParse(sent[1].Text, out var parsed));
        Assert.Equal(SampleTransfers.DoubleCharge().Transcript.Select(l => (l.Speaker, l.Text)), parsed.Transcript.Select(l => (l.Speaker, l.Text)));
        Assert.Equal(SampleTransfers.DoubleCharge().Notes, parsed.Notes);
    }

    [Fact]
    public void SummaryPrompt_ShippedFile_CoversWhatAgentBNeeds()
    {
        string prompt = SummaryPrompt.Load().Text;

        foreach (string topic in new[] { "Who the caller is", "The issue", "amounts", "already been tried", "mood", "Next step for you:", "75 words" })
        {
            Assert.Contains(topic, prompt, StringComparison.OrdinalIgnoreCase);
        }
    }
}
