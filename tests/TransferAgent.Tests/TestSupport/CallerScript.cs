namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>What the caller says in the speech tests: a name, an account number read as digits, an amount and an issue.</summary>
public static class CallerScript
{
    public static readonly string[] Sentences =
    [
        "Hi, my name is John Smith.",
        "I am calling about my credit card account.",
        "My account number is 4 7 1 2 9 3.",
        "I was charged $245 twice this month.",
        "I already tried to call the billing department yesterday.",
        "I would like a refund for the second payment please.",
    ];
}
