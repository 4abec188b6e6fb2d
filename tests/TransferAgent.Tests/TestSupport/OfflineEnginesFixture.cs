using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Providers.Offline.Flite;
using WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.Tests.TestSupport;

/// <summary>
/// The real offline engines, loaded once for the tests that need them: flite (slt voice), a pool of pocketsphinx
/// decoders and the Silero VAD model from the build output. Loading them is the slow part (seconds), so test classes
/// share one instance through <see cref="OfflineEnginesGroup"/>.
/// </summary>
public sealed class OfflineEnginesFixture : IDisposable
{
    private readonly Dictionary<string, PcmAudio> _speech = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public OfflineEnginesFixture()
    {
        Flite = new FliteSynthesizer(new FliteOptions { Voice = "slt" });
        Decoders = new PocketSphinxDecoderPool(new PocketSphinxOptions { MaxDecoders = 2 });
        Decoders.WarmUp();
        Vad = SileroVadModel.Load();
    }

    public FliteSynthesizer Flite { get; }

    public PocketSphinxDecoderPool Decoders { get; }

    public SileroVadModel Vad { get; }

    /// <summary>flite speech for <paramref name="text"/> at 16 kHz (cached per text).</summary>
    public PcmAudio Speak(string text)
    {
        lock (_gate)
        {
            if (!_speech.TryGetValue(text, out var audio))
            {
                audio = Flite.Synthesize(text).ResampleTo(16000);
                _speech[text] = audio;
            }

            return audio;
        }
    }

    public void Dispose()
    {
        Decoders.Dispose();
        Vad.Dispose();
    }
}
