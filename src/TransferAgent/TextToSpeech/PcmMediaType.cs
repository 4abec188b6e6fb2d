using System.Globalization;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.TextToSpeech;

/// <summary>
/// How synthesised audio travels in a <see cref="DataContent"/>: <c>audio/l16;rate=N;channels=1</c>, 16-bit
/// little-endian PCM (the byte order OpenAI's "pcm" and Microsoft.Extensions.AI's "audio/l16" use, although RFC 2586
/// L16 is big-endian). <see cref="Decode"/> also accepts WAV, whatever its sample format.
/// </summary>
public static class PcmMediaType
{
    public const string L16 = "audio/l16";

    public static string For(int sampleRate) => string.Create(CultureInfo.InvariantCulture, $"{L16};rate={sampleRate};channels=1");

    public static DataContent ToDataContent(PcmAudio audio)
    {
        ArgumentNullException.ThrowIfNull(audio);
        return new DataContent(PcmSamples.ToBytes(audio.Samples.Span), For(audio.SampleRate));
    }

    /// <summary>
    /// Decodes synthesised audio to 16-bit mono. <paramref name="defaultRate"/> is used for L16 without a rate parameter
    /// (a provider's documented rate, e.g. 24 kHz for OpenAI "pcm").
    /// </summary>
    public static PcmAudio Decode(DataContent content, int? defaultRate = null)
    {
        ArgumentNullException.ThrowIfNull(content);
        var bytes = content.Data.Span;
        string mediaType = content.MediaType;
        string baseType = mediaType.Split(';')[0].Trim().ToUpperInvariant();
        if (baseType is "AUDIO/WAV" or "AUDIO/X-WAV" or "AUDIO/WAVE" or "AUDIO/VND.WAVE" || WavFile.LooksLikeWav(bytes))
        {
            return WavFile.Decode(bytes);
        }

        if (baseType is "AUDIO/L16" or "AUDIO/PCM")
        {
            int rate = Parameter(mediaType, "rate") ?? defaultRate
                ?? throw new EngineException($"'{mediaType}' does not say its sample rate.", EngineErrorKind.UnsupportedInput);
            int channels = Parameter(mediaType, "channels") ?? 1;
            var interleaved = PcmSamples.FromBytes(bytes);
            if (channels == 1)
            {
                return new PcmAudio(interleaved, rate);
            }

            var mono = new short[interleaved.Length / channels];
            PcmSamples.DownmixToMono(interleaved, channels, mono);
            return new PcmAudio(mono, rate);
        }

        throw new EngineException(
            $"Synthesised audio of type '{mediaType}' cannot be played; configure the provider for PCM or WAV output.",
            EngineErrorKind.UnsupportedInput);
    }

    /// <summary>Decodes and concatenates every audio content of a response.</summary>
    public static PcmAudio Decode(TextToSpeechResponse response, int? defaultRate = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        var clips = response.Contents.OfType<DataContent>().Select(c => Decode(c, defaultRate)).ToList();
        if (clips.Count == 0)
        {
            throw new EngineException("The speech response holds no audio.", EngineErrorKind.UnsupportedInput);
        }

        return clips.Count == 1 ? clips[0] : PcmAudio.Concat(clips[0].SampleRate, [.. clips.Select(c => c.ResampleTo(clips[0].SampleRate))]);
    }

    private static int? Parameter(string mediaType, string name)
    {
        foreach (string part in mediaType.Split(';').Skip(1))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            if (pair.Length == 2 && pair[0].Equals(name, StringComparison.OrdinalIgnoreCase)
                && int.TryParse(pair[1].Trim('"'), NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && value > 0)
            {
                return value;
            }
        }

        return null;
    }
}
