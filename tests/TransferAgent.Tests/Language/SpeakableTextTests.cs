using WarmTransfer.TransferAgent.Language;

namespace WarmTransfer.TransferAgent.Tests.Language;

public sealed class SpeakableTextTests
{
    [Theory]
    [InlineData("Caller: Jane, account 471293.", "Caller: Jane, account number 4 7 1 2 9 3.")]
    [InlineData("Refund $245.50 by March 2024.", "Refund 245 dollars and 50 cents by March 2024.")]
    [InlineData("**Next step:** call back 555-0198", "Next step: call back 5 5 5 0 1 9 8")]
    [InlineData("Charged $1,200.00 twice", "Charged 1200 dollars twice")]
    public void Format_DisplayText_BecomesSpeakable(string text, string expected) =>
        Assert.Equal(expected, SpeakableText.Format(text));

    [Fact]
    public void EstimateSpokenWords_CountsNumbersAsTheWordsTheyAreReadAs()
    {
        Assert.Equal(3, SpeakableText.EstimateSpokenWords("Call me back"));
        Assert.Equal(8, SpeakableText.EstimateSpokenWords("account 471293")); // "account number" + six digits
        Assert.Equal(5, SpeakableText.EstimateSpokenWords("$245")); // two hundred forty five dollars
    }
}
