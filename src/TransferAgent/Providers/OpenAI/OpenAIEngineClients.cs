using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using OpenAI;

namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>
/// Builds the OpenAI-compatible providers. The SDK's own retries are switched off (our retry middleware owns retry
/// and time-outs, and counts attempts), and requests go through the given <see cref="HttpClient"/> (from
/// IHttpClientFactory, with header values redacted from its logs).
/// </summary>
public static class OpenAIEngineClients
{
    /// <summary>Placeholder credential for OpenAI-compatible servers that need no key (the SDK requires one).</summary>
    private const string NoKey = "no-key";

    public static ISpeechToTextClient CreateSpeechToTextClient(OpenAISpeechToTextOptions options, HttpClient httpClient, TimeSpan networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateClient(options, httpClient, networkTimeout).GetAudioClient(options.Model).AsISpeechToTextClient();
    }

    public static ITextToSpeechClient CreateTextToSpeechClient(OpenAITextToSpeechOptions options, HttpClient httpClient, TimeSpan networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inner = CreateClient(options, httpClient, networkTimeout).GetAudioClient(options.Model).AsITextToSpeechClient();
        return new OpenAISpeechSynthesisClient(inner, options);
    }

    public static IChatClient CreateChatClient(OpenAIChatOptions options, HttpClient httpClient, TimeSpan networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(options);
        return CreateClient(options, httpClient, networkTimeout).GetChatClient(options.Model).AsIChatClient();
    }

    private static OpenAIClient CreateClient(OpenAIEndpointOptions options, HttpClient httpClient, TimeSpan networkTimeout)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = networkTimeout,
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            Transport = new HttpClientPipelineTransport(httpClient),
            UserAgentApplicationId = "warmtransfer-agent",
        };
        string key = string.IsNullOrWhiteSpace(options.ApiKey) ? NoKey : options.ApiKey;
        return new OpenAIClient(new ApiKeyCredential(key), clientOptions);
    }
}
