using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

/// <summary>
/// <see cref="ITextToSpeechClient"/> over <see cref="FliteSynthesizer"/>. Output: one <see cref="DataContent"/> of
/// 16-bit mono PCM (<see cref="PcmMediaType"/>, rate in the media type). Streaming synthesises sentence by sentence so
/// the first audio is ready after the first sentence. Synthesis runs on the thread pool, off the caller's thread.
/// </summary>
internal sealed class FliteTextToSpeechClient(FliteSynthesizer synthesizer) : ITextToSpeechClient
{
    private readonly TextToSpeechClientMetadata _metadata = new(FliteSynthesizer.ProviderName, null, $"cmu_us_{synthesizer.Options.Voice}");

    public async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var audio = await Task.Run(() => synthesizer.Synthesize(text, options?.Speed), cancellationToken).ConfigureAwait(false);
        return new TextToSpeechResponse([PcmMediaType.ToDataContent(audio)]) { ModelId = _metadata.DefaultModelId };
    }

    public async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (string sentence in SentenceSplitter.Split(text))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var audio = await Task.Run(() => synthesizer.Synthesize(sentence, options?.Speed), cancellationToken).ConfigureAwait(false);
            yield return new TextToSpeechResponseUpdate([PcmMediaType.ToDataContent(audio)])
            {
                Kind = TextToSpeechResponseUpdateKind.AudioUpdating,
                ModelId = _metadata.DefaultModelId,
            };
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(TextToSpeechClientMetadata) ? _metadata
            : serviceType == typeof(FliteSynthesizer) ? synthesizer
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The synthesizer and flite's voices live for the process.
    }
}
