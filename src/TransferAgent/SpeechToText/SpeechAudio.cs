using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>
/// The audio convention for <see cref="ISpeechToTextClient"/> calls in this worker: the stream is a WAV file
/// (16-bit mono PCM, 16 kHz from the VAD adapter), which every provider accepts as is. Raw PCM is accepted by the
/// offline provider when <see cref="SpeechToTextOptions.SpeechSampleRate"/> says its rate.
/// </summary>
public static class SpeechAudio
{
    public const string MediaType = WavFile.MediaType;

    /// <summary>A WAV stream for one recognition call (a fresh stream per call: providers may dispose it).</summary>
    public static MemoryStream ToWavStream(PcmAudio audio) => new(WavFile.Encode(audio), writable: false);

    public static async Task<PcmAudio> ReadAsync(Stream stream, SpeechToTextOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (WavFile.LooksLikeWav(bytes))
        {
            return WavFile.Decode(bytes);
        }

        if (options?.SpeechSampleRate is int rate and >= 1000)
        {
            return new PcmAudio(PcmSamples.FromBytes(bytes), rate);
        }

        throw new EngineException(
            "The audio is neither a WAV file nor raw PCM with SpeechToTextOptions.SpeechSampleRate set.",
            EngineErrorKind.UnsupportedInput);
    }
}
