using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Providers.OpenAI;

/// <summary>
/// Wraps Microsoft.Extensions.AI's OpenAI speech client with our defaults (voice, PCM or WAV format, speed) and labels
/// raw "pcm" output with its sample rate (24 kHz), which the generic client leaves out, so it decodes unambiguously.
/// </summary>
internal sealed class OpenAISpeechSynthesisClient(ITextToSpeechClient innerClient, OpenAITextToSpeechOptions settings) : DelegatingTextToSpeechClient(innerClient)
{
    public override async Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default)
    {
        var request = options?.Clone() ?? new TextToSpeechOptions();
        request.VoiceId ??= settings.Voice;
        request.AudioFormat ??= settings.ResponseFormat;
        request.Speed ??= (float)settings.Speed;
        var response = await base.GetAudioAsync(text, request, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < response.Contents.Count; i++)
        {
            if (response.Contents[i] is DataContent { MediaType: PcmMediaType.L16 } pcm)
            {
                response.Contents[i] = new DataContent(pcm.Data, PcmMediaType.For(OpenAITextToSpeechOptions.PcmSampleRate));
            }
        }

        return response;
    }

    public override async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetAudioAsync(text, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToTextToSpeechResponseUpdates())
        {
            yield return update;
        }
    }
}
