using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Providers.Azure;

public static class AzureSpeechClientExtensions
{
    /// <summary>Azure Speech short-audio recognition over <paramref name="httpClient"/> (provider <c>azure</c>).</summary>
    public static ISpeechToTextClient AsAzureSpeechToTextClient(this HttpClient httpClient, AzureSpeechToTextOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        return new AzureSpeechToTextClient(httpClient, options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>Azure Speech REST synthesis over <paramref name="httpClient"/> (provider <c>azure</c>).</summary>
    public static ITextToSpeechClient AsAzureTextToSpeechClient(this HttpClient httpClient, AzureTextToSpeechOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(options);
        return new AzureTextToSpeechClient(httpClient, options, timeProvider ?? TimeProvider.System);
    }
}
