using Microsoft.Extensions.AI;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

public static class PocketSphinxClientExtensions
{
    /// <summary>The offline speech-to-text provider (<c>pocketsphinx</c>); the pool stays owned by the caller.</summary>
    public static ISpeechToTextClient AsISpeechToTextClient(this PocketSphinxDecoderPool pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        return new PocketSphinxSpeechToTextClient(pool);
    }
}
