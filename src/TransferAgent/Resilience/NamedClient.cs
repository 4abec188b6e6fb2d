namespace WarmTransfer.TransferAgent.Resilience;

/// <summary>A provider in a fallback chain: its configured name (<c>openai</c>, <c>pocketsphinx</c>...) and its client.</summary>
public readonly record struct NamedClient<TClient>(string Name, TClient Client)
    where TClient : class;
