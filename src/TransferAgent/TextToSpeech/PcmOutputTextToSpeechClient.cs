using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;

namespace WarmTransfer.TransferAgent.TextToSpeech;

/// <summary>
/// Normalises whatever the serving provider returned (WAV, or L16 at 8-48 kHz) to one format: 16-bit mono PCM at
/// <see cref="SampleRate"/> (48 kHz for publishing to LiveKit), as a single <see cref="DataContent"/> labelled
/// <see cref="PcmMediaType.For"/>. In streaming, one resampler runs across the chunks so there is no seam between them.
/// </summary>
public sealed class PcmOutputTextToSpeechClient : DelegatingTextToSpeechClient
{
    public PcmOutputTextToSpeechClient(ITextToSpeechClient innerClient, int sampleRate)
        : base(innerClient)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleRate, 8000);
        SampleRate = sampleRate;
    }

    public int SampleRate { get; }

    public override async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        var response = await base.GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        var audio = PcmMediaType.Decode(response).ResampleTo(SampleRate);
        var others = response.Contents.Where(c => c is not DataContent).ToList();
        response.Contents = [PcmMediaType.ToDataContent(audio), .. others];
        return response;
    }

    public override async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Resampler? resampler = null;
        TextToSpeechResponseUpdate? last = null;
        await foreach (var update in base.GetStreamingAudioAsync(text, options, cancellationToken).ConfigureAwait(false))
        {
            var converted = new List<AIContent>();
            foreach (var content in update.Contents)
            {
                if (content is not DataContent data)
                {
                    converted.Add(content);
                    continue;
                }

                var clip = PcmMediaType.Decode(data);
                if (resampler is null || resampler.InputRate != clip.SampleRate)
                {
                    if (resampler is not null)
                    {
                        converted.Add(Flush(resampler));
                    }

                    resampler = clip.SampleRate == SampleRate ? null : new Resampler(clip.SampleRate, SampleRate);
                }

                if (resampler is null)
                {
                    converted.Add(PcmMediaType.ToDataContent(clip));
                    continue;
                }

                var output = new short[resampler.GetMaxOutputLength(clip.Length)];
                int n = resampler.Process(clip.Samples.Span, output);
                converted.Add(PcmMediaType.ToDataContent(new PcmAudio(output.AsMemory(0, n), SampleRate)));
            }

            update.Contents = converted;
            last = update;
            yield return update;
        }

        if (resampler is not null)
        {
            // The resampler's delayed tail: the last few milliseconds of speech.
            yield return new TextToSpeechResponseUpdate([Flush(resampler)])
            {
                Kind = TextToSpeechResponseUpdateKind.AudioUpdating,
                AdditionalProperties = last?.AdditionalProperties,
                ModelId = last?.ModelId,
            };
        }
    }

    private DataContent Flush(Resampler resampler)
    {
        var tail = new short[resampler.GetMaxOutputLength(0)];
        int n = resampler.Flush(tail);
        return PcmMediaType.ToDataContent(new PcmAudio(tail.AsMemory(0, n), SampleRate));
    }
}
