using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Providers.Azure;

/// <summary>
/// Azure Speech REST text to speech: <c>POST {endpoint}/cognitiveservices/v1</c> with an SSML body (voice, language, a
/// prosody rate from <see cref="TextToSpeechOptions.Speed"/>), <c>X-Microsoft-OutputFormat</c> set to a raw PCM format,
/// and the key in <c>Ocp-Apim-Subscription-Key</c>. Output is labelled with its sample rate.
/// </summary>
internal sealed class AzureTextToSpeechClient(HttpClient httpClient, AzureTextToSpeechOptions options, TimeProvider timeProvider) : ITextToSpeechClient
{
    public const string ProviderName = "azure";
    private const string SynthesisPath = "cognitiveservices/v1";

    private readonly TextToSpeechClientMetadata _metadata = new(ProviderName, options.Endpoint, options.Voice);

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? speechOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        string voice = speechOptions?.VoiceId ?? options.Voice;
        string language = speechOptions?.Language ?? options.Language;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Endpoint, SynthesisPath));
        request.Headers.Add("Ocp-Apim-Subscription-Key", options.ApiKey);
        request.Headers.Add("X-Microsoft-OutputFormat", options.OutputFormat);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("WarmTransfer", "1.0"));
        request.Content = new StringContent(Ssml(text, voice, language, speechOptions?.Speed), Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/ssml+xml");

        using var response = await httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        await AzureHttp.EnsureSuccessAsync(response, ProviderName, timeProvider, cancellationToken).ConfigureAwait(false);
        byte[] pcm = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return new TextToSpeechResponse([new DataContent(pcm, PcmMediaType.For(options.SampleRate))]) { ModelId = voice };
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? speechOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetAudioAsync(text, speechOptions, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToTextToSpeechResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(TextToSpeechClientMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The HttpClient belongs to IHttpClientFactory.
    }

    /// <summary>The SSML document; text and attribute values are XML-escaped by the writer.</summary>
    internal static string Ssml(string text, string voice, string language, float? speed)
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { OmitXmlDeclaration = true }))
        {
            writer.WriteStartElement("speak", "http://www.w3.org/2001/10/synthesis");
            writer.WriteAttributeString("version", "1.0");
            writer.WriteAttributeString("xml", "lang", null, language);
            writer.WriteStartElement("voice");
            writer.WriteAttributeString("name", voice);
            if (speed is { } s && Math.Abs(s - 1) > 0.001)
            {
                writer.WriteStartElement("prosody");
                writer.WriteAttributeString("rate", ((s - 1) * 100).ToString("+0;-0", CultureInfo.InvariantCulture) + "%");
                writer.WriteString(text);
                writer.WriteEndElement();
            }
            else
            {
                writer.WriteString(text);
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return builder.ToString();
    }
}
