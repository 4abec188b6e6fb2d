using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.EndToEnd.Infrastructure;

/// <summary>
/// Transcribes audio a page recorded with the worker's own offline engines (src/TransferAgent: Silero VAD cuts
/// utterances, pocketsphinx recognises them), so a test can check what a person would have heard.
/// </summary>
public sealed class SpeechTranscriber : IDisposable
{
    private readonly PocketSphinxDecoderPool _decoders = new(new PocketSphinxOptions { MaxDecoders = 1 });
    private readonly SileroVadModel _vad = SileroVadModel.Load();

    /// <summary>The words heard, normalised as the worker's word-error-rate tools do (lower case, numbers as digits).</summary>
    public async Task<string> TranscribeAsync(PageRecording recording, CancellationToken cancellationToken = default)
    {
        var audio = new PcmAudio(recording.Samples, recording.SampleRate).ResampleTo(SileroVadModel.SampleRate);
        var finals = new List<string>();
        await using (var stream = new SpeechToTextStreamAdapter(_decoders.AsISpeechToTextClient(), _vad, new VadOptions()))
        {
            await stream.WriteAsync(audio.Samples, cancellationToken);
            await stream.CompleteAsync(cancellationToken);
            await foreach (var e in stream.ReadEventsAsync(cancellationToken))
            {
                if (e.Kind == TranscriptEventKind.FinalTranscript)
                {
                    finals.Add(e.Text);
                }
            }
        }

        return WordErrorRate.Normalize(string.Join(' ', finals));
    }

    public void Dispose()
    {
        _decoders.Dispose();
        _vad.Dispose();
    }
}
