namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Which API created a transfer; seed transfers follow the seed's topology (the caller moves to the new room).</summary>
internal static class TransferOrigins
{
    public const string Api = "api";
    public const string Seed = "seed";
}
