namespace LiveKit.DevServer.Sctp;

/// <summary>Re-configuration Response results (RFC 6525 §4.4).</summary>
internal static class SctpReconfigResult
{
    public const uint SuccessNothingToDo = 0;
    public const uint SuccessPerformed = 1;
    public const uint Denied = 2;
    public const uint ErrorWrongSsn = 3;
    public const uint ErrorRequestAlreadyInProgress = 4;
    public const uint ErrorBadSequenceNumber = 5;
    public const uint InProgress = 6;
}
