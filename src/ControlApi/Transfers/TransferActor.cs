namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Who issues a command. Recorded on every transition. <see cref="System"/> covers timers and LiveKit-observed events.</summary>
internal sealed record TransferActor(string Identity, bool IsAdmin)
{
    public static TransferActor System { get; } = new("system", IsAdmin: true);

    public bool IsSystem => ReferenceEquals(this, System);
}
