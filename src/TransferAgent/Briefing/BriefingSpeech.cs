using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Language;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.TextToSpeech;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// The briefing as speech, one clip per sentence, synthesised in order in the background from <see cref="Start"/> on
/// (so the first sentence is ready when Agent B's audio comes up and later ones are ready before they are due). Clips
/// are kept for repeats. Each sentence keeps its display text (shown as it is spoken) beside the speakable form. The first
/// clip starts at its first word (the engine's lead-in silence trimmed); later clips keep theirs as the pause between sentences.
/// </summary>
internal sealed class BriefingSpeech : IAsyncDisposable
{
    private readonly ITextToSpeechClient _textToSpeech;
    private readonly int _sampleRate;
    private readonly Action<EngineProvenance> _onFallback;
    private readonly TaskCompletionSource<PcmAudio>[] _clips;
    private static readonly TimeSpan LeadIn = TimeSpan.FromMilliseconds(20);
    private readonly CancellationTokenSource _stop = new();
    private Task _synthesis = Task.CompletedTask;

    public BriefingSpeech(ITextToSpeechClient textToSpeech, string text, int sampleRate, Action<EngineProvenance> onFallback)
    {
        _textToSpeech = textToSpeech;
        _sampleRate = sampleRate;
        _onFallback = onFallback;
        Sentences = [.. SentenceSplitter.Split(text).Select(s => (s, SpeakableText.Format(s)))];
        if (Sentences.Count == 0)
        {
            Sentences = [(text, SpeakableText.Format(text))];
        }

        _clips = [.. Sentences.Select(_ => new TaskCompletionSource<PcmAudio>(TaskCreationOptions.RunContinuationsAsynchronously))];
    }

    public IReadOnlyList<(string Display, string Speakable)> Sentences { get; }

    /// <summary>The provider that served the last sentence (null until one is synthesised).</summary>
    public string? ServedBy { get; private set; }

    public void Start(CancellationToken cancellationToken)
    {
        var token = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
        _synthesis = Task.Run(async () =>
        {
            using (token)
            {
                await SynthesizeAllAsync(token.Token).ConfigureAwait(false);
            }
        }, CancellationToken.None);
    }

    /// <summary>The clips in order, each as soon as it is synthesised; throws the synthesis failure when one failed.</summary>
    public async IAsyncEnumerable<PcmAudio> ClipsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var clip in _clips)
        {
            yield return await clip.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Total duration of the clips synthesised so far.</summary>
    public TimeSpan Duration => _clips.Where(c => c.Task.IsCompletedSuccessfully).Aggregate(TimeSpan.Zero, (d, c) => d + c.Task.Result.Duration);

    private async Task SynthesizeAllAsync(CancellationToken cancellationToken)
    {
        bool reported = false;
        for (int i = 0; i < _clips.Length; i++)
        {
            try
            {
                var response = await _textToSpeech.GetAudioAsync(Sentences[i].Speakable, options: null, cancellationToken).ConfigureAwait(false);
                var provenance = response.GetProvenance();
                ServedBy = provenance?.ServedBy ?? ServedBy;
                if (provenance is { FellBack: true } && !reported)
                {
                    reported = true;
                    _onFallback(provenance);
                }

                var clip = PcmMediaType.Decode(response).ResampleTo(_sampleRate);
                _clips[i].TrySetResult(i == 0 ? LeadingSilence.Trim(clip, LeadIn) : clip);
            }
            catch (Exception e)
            {
                for (int j = i; j < _clips.Length; j++)
                {
                    if (e is OperationCanceledException)
                    {
                        _clips[j].TrySetCanceled(cancellationToken);
                    }
                    else
                    {
                        _clips[j].TrySetException(e);
                    }
                }

                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _synthesis.ConfigureAwait(false);
        _stop.Dispose();
    }
}
