using WarmTransfer.TransferAgent.Language;

namespace WarmTransfer.TransferAgent.Tests.Language;

public sealed class SpokenNumbersTests
{
    [Theory]
    [InlineData("my account number is four seven one two nine three", "my account number is 471293")]
    [InlineData("forty seven twelve", "4712")]
    [InlineData("two hundred and forty five dollars", "245 dollars")]
    [InlineData("two hundred forty-five dollars", "245 dollars")]
    [InlineData("one thousand two hundred", "1200")]
    [InlineData("nineteen eighty four", "1984")]
    [InlineData("four oh one", "401")]
    [InlineData("a hundred dollars", "100 dollars")]
    [InlineData("Oh no, it broke", "Oh no, it broke")]
    [InlineData("I tried and failed", "I tried and failed")]
    public void ToDigits_SpokenNumbers_BecomeDigits(string text, string expected) =>
        Assert.Equal(expected, SpokenNumbers.ToDigits(text));

    [Theory]
    [InlineData("one of them was fine", "one of them was fine")]
    [InlineData("one dollar", "1 dollar")]
    [InlineData("twenty people", "20 people")]
    [InlineData("two three", "23")]
    public void ToDigits_Conservative_LeavesLoneSmallWordsAlone(string text, string expected) =>
        Assert.Equal(expected, SpokenNumbers.ToDigits(text, conservative: true));
}
