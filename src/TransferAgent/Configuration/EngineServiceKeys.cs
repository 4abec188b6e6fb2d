namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Keys of keyed DI registrations made by <see cref="TransferAgentEnginesServiceCollectionExtensions.AddTransferAgentEngines"/>.</summary>
public static class EngineServiceKeys
{
    /// <summary>The summary <c>IChatClient</c> (the fallback chain over <c>Summary:Providers</c>).</summary>
    public const string Summary = "summary";
}
