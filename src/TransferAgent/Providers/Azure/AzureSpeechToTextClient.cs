using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.SpeechToText;

namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>
/// Azure Speech "REST API for short audio": <c>POST {endpoint}/speech/recognition/conversation/cognitiveservices/v1?language=..&amp;format=simple</c>
/// with a 16 kHz 16-bit mono WAV body and the key in <c>Ocp-Apim-Subscription-Key</c>. The audio is converted to
/// 16 kHz first. "No match" and silence time-outs are an empty transcript, not an error.
/// </summary>
internal sealed class AzureSpeechToTextClient(HttpClient httpClient, AzureSpeechToTextOptions options, TimeProvider timeProvider) : ISpeechToTextClient
{
    public const string ProviderName = "azure";
    private const string RecognitionPath = "speech/recognition/conversation/cognitiveservices/v1";

    private readonly SpeechToTextClientMetadata _metadata = new(ProviderName, options.Endpoint, "azure-speech-short-audio");

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? speechOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var audio = (await SpeechAudio.ReadAsync(audioSpeechStream, speechOptions, cancellationToken).ConfigureAwait(false)).ResampleTo(16000);
        string language = Uri.EscapeDataString(speechOptions?.SpeechLanguage is { Length: > 2 } l ? l : options.Language);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint, $"{RecognitionPath}?language={language}&format=simple"));
        request.Headers.Add("Ocp-Apim-Subscription-Key", options.ApiKey);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Content = new ByteArrayContent(WavFile.Encode(audio));
        // Azure's documented value has an unquoted '/' in a parameter, which MediaTypeHeaderValue rejects.
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "audio/wav; codecs=audio/pcm; samplerate=16000");

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await AzureHttp.EnsureSuccessAsync(response, ProviderName, timeProvider, cancellationToken).ConfigureAwait(false);
        using var json = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), cancellationToken: cancellationToken).ConfigureAwait(false);
        var root = json.RootElement;
        string status = root.TryGetProperty("RecognitionStatus", out var s) ? s.GetString() ?? "" : "";
        string text = status switch
        {
            "Success" => root.TryGetProperty("DisplayText", out var t) ? t.GetString() ?? "" : "",
            "NoMatch" or "InitialSilenceTimeout" or "BabbleTimeout" => "",
            "Error" => throw new EngineException("azure reported a recognition error.", EngineErrorKind.ServerError, ProviderName),
            _ => throw new EngineException($"azure answered an unknown recognition status '{status}'.", EngineErrorKind.BadRequest, ProviderName),
        };

        return new SpeechToTextResponse(text)
        {
            ModelId = _metadata.DefaultModelId,
            StartTime = Ticks(root, "Offset"),
            EndTime = Ticks(root, "Offset") + Ticks(root, "Duration"),
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? speechOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, speechOptions, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToSpeechToTextResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(SpeechToTextClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }

    /// <summary>Azure reports offsets in 100-ns ticks.</summary>
    private static TimeSpan? Ticks(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.TryGetInt64(out long ticks) ? TimeSpan.FromTicks(ticks) : null;
}
