using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.SpeechToText;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>
/// <see cref="ISpeechToTextClient"/> over pooled pocketsphinx decoders. Input: a WAV stream (any rate; resampled to
/// 16 kHz), or raw 16-bit little-endian PCM when <see cref="SpeechToTextOptions.SpeechSampleRate"/> is set. Batch
/// only: one call is one utterance (the VAD adapter cuts them), so streaming yields a single final update.
/// </summary>
internal sealed class PocketSphinxSpeechToTextClient(PocketSphinxDecoderPool pool) : ISpeechToTextClient
{
    public const string ProviderName = "pocketsphinx";
    public const string ModelId = "pocketsphinx-en-us";

    private readonly SpeechToTextClientMetadata _metadata = new(ProviderName, null, ModelId);

    public async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        var audio = await SpeechAudio.ReadAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
        var samples = audio.ResampleTo(16000);
        string text = await pool.DecodeAsync(samples.Samples, cancellationToken).ConfigureAwait(false);
        return new SpeechToTextResponse(text)
        {
            ModelId = ModelId,
            StartTime = TimeSpan.Zero,
            EndTime = audio.Duration,
        };
    }

    public async IAsyncEnumerable<SpeechToTextResponseUpdate> GetStreamingTextAsync(
        Stream audioSpeechStream, SpeechToTextOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetTextAsync(audioSpeechStream, options, cancellationToken).ConfigureAwait(false);
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
            : serviceType == typeof(PocketSphinxDecoderPool) ? pool
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    public void Dispose()
    {
        // The pool is shared and owned by whoever created it (the DI container).
    }
}
