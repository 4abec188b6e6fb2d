using WarmTransfer.TransferAgent.Language;

namespace WarmTransfer.TransferAgent.Tests.Language;

public sealed class SentenceSplitterTests
{
    [Fact]
    public void Split_AbbreviationsDecimalsAndLineBreaks_SplitOnlyAtSentenceEnds()
    {
        var sentences = SentenceSplitter.Split("Mr. Smith paid $12.50 today! Was it twice?\nNotes follow. e.g. this one");

        Assert.Equal(["Mr. Smith paid $12.50 today!", "Was it twice?", "Notes follow.", "e.g. this one"], sentences);
    }
}
