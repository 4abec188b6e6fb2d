using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>
/// Runs each call to one provider under its <see cref="EngineResilience"/> policy: per-attempt time-out, retries of
/// retryable failures, and errors mapped to <see cref="EngineException"/>. The audio is buffered so a retry resends it.
/// </summary>
public sealed class RetryingSpeechToTextClient(ISpeechToTextClient innerClient, EngineResilience resilience) : DelegatingSpeechToTextClient(innerClient)
{
    public override async Task<SpeechToTextResponse> GetTextAsync(Stream audioSpeechStream, SpeechToTextOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audioSpeechStream);
        byte[] audio = await ReplayableAudio.ReadAllAsync(audioSpeechStream, cancellationToken).ConfigureAwait(false);
        return await resilience.ExecuteAsync(
            token => base.GetTextAsync(new MemoryStream(audio, writable: false), options?.Clone(), token),
            cancellationToken).ConfigureAwait(false);
    }
}
