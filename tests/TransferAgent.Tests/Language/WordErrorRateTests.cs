using WarmTransfer.TransferAgent.Language;

namespace WarmTransfer.TransferAgent.Tests.Language;

public sealed class WordErrorRateTests
{
    [Fact]
    public void Normalize_WrittenAndSpokenForms_AreTheSame()
    {
        Assert.Equal(
            WordErrorRate.Normalize("Hi, I'm owed $245 on account 4 7 1 2!"),
            WordErrorRate.Normalize("hi i am owed two hundred forty five dollars on account four seven one two"));
    }

    [Fact]
    public void Compute_SubstitutionDeletionInsertion_CountsEachAsOneError()
    {
        // reference: the cat sat on the mat (6); hypothesis: the bat sat on mat today
        Assert.Equal(3, WordErrorRate.EditDistance(["the", "cat", "sat", "on", "the", "mat"], ["the", "bat", "sat", "on", "mat", "today"]));
        Assert.Equal(0.5, WordErrorRate.Compute("the cat sat on the mat", "the bat sat on mat today"));
        Assert.Equal(0, WordErrorRate.Compute("Good morning.", "good morning"));
    }
}
