namespace WarmTransfer.ControlApi.Transfers;

/// <summary>
/// Payload of the <c>wt.transfer</c> data packet sent into the call room (and the handoff room while it exists) on
/// every state change; the bot starts hold audio on Requested/Briefing and stops it on anything later.
/// </summary>
internal sealed record TransferSignal(string TransferId, string State, string HandoffRoom, string? Reason)
{
    public const string Topic = "wt.transfer";
}
