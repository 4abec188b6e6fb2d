using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Providers.Offline.Flite;

public static class FliteClientExtensions
{
    /// <summary>The offline text-to-speech provider (<c>flite</c>).</summary>
    public static ITextToSpeechClient AsITextToSpeechClient(this FliteSynthesizer synthesizer)
    {
        ArgumentNullException.ThrowIfNull(synthesizer);
        return new FliteTextToSpeechClient(synthesizer);
    }
}
