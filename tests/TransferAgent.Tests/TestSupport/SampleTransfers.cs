using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>Realistic transfer contexts: transcripts as the recogniser writes them (lower case, numbers as words) plus typed notes.</summary>
public static class SampleTransfers
{
    public static TransferContext DoubleCharge() => new()
    {
        TransferId = "T-1001",
        FromAgent = "Alice",
        ToAgent = "Bob",
        Transcript =
        [
            new(TranscriptSpeaker.Agent, "thank you for calling acme bank this is alice how can i help you today", TimeSpan.FromSeconds(2)),
            new(TranscriptSpeaker.Caller, "hi my name is john smith", TimeSpan.FromSeconds(6)),
            new(TranscriptSpeaker.Caller, "i'm calling about my credit card account", TimeSpan.FromSeconds(9)),
            new(TranscriptSpeaker.Agent, "sure can i have your account number please", TimeSpan.FromSeconds(13)),
            new(TranscriptSpeaker.Caller, "my account number is four seven one two nine three", TimeSpan.FromSeconds(16)),
            new(TranscriptSpeaker.Caller, "i was charged two hundred forty five dollars twice this month", TimeSpan.FromSeconds(22)),
            new(TranscriptSpeaker.Caller, "this is the third time this has happened and i'm really frustrated", TimeSpan.FromSeconds(27)),
            new(TranscriptSpeaker.Agent, "i can see two charges of two hundred forty five dollars on your account", TimeSpan.FromSeconds(33)),
            new(TranscriptSpeaker.Caller, "i already tried to call the billing department yesterday", TimeSpan.FromSeconds(38)),
            new(TranscriptSpeaker.Caller, "i would like a refund for the second payment please", TimeSpan.FromSeconds(42)),
            new(TranscriptSpeaker.Agent, "i understand let me transfer you to a colleague who can process refunds", TimeSpan.FromSeconds(47)),
        ],
        Notes = "Duplicate charge of $245 on March statement, verified both transactions. Needs refund approval for the second charge.",
    };

    public static TransferContext LockedOut() => new()
    {
        TransferId = "T-2002",
        Transcript =
        [
            new(TranscriptSpeaker.Caller, "hello this is maria garcia"),
            new(TranscriptSpeaker.Caller, "i can't log in to the app since the update and i'm locked out"),
            new(TranscriptSpeaker.Caller, "i reset my password twice already"),
            new(TranscriptSpeaker.Agent, "thanks mrs garcia what's the phone number on the account"),
            new(TranscriptSpeaker.Caller, "it's five five five zero one nine eight two"),
        ],
    };
}
