namespace WarmTransfer.TransferAgent.Configuration;

/// <summary>Names of the IHttpClientFactory clients the remote providers use (one per provider, header values redacted in logs).</summary>
public static class EngineHttpClients
{
    public const string OpenAI = "WarmTransfer.Engines.OpenAI";
    public const string Azure = "WarmTransfer.Engines.Azure";
}
