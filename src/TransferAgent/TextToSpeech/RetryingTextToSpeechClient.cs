using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using WarmTransfer.TransferAgent.Resilience;

namespace WarmTransfer.TransferAgent.TextToSpeech;

/// <summary>
/// Runs each call to one speech provider under its <see cref="EngineResilience"/> policy. Streaming calls are retried
/// only until their first chunk arrives (after that, a failure ends the stream with an <see cref="EngineException"/>).
/// </summary>
public sealed class RetryingTextToSpeechClient(ITextToSpeechClient innerClient, EngineResilience resilience) : DelegatingTextToSpeechClient(innerClient)
{
    public override Task<TextToSpeechResponse> GetAudioAsync(string text, TextToSpeechOptions? options = null, CancellationToken cancellationToken = default) =>
        resilience.ExecuteAsync(token => base.GetAudioAsync(text, options?.Clone(), token), cancellationToken);

    public override async IAsyncEnumerable<TextToSpeechResponseUpdate> GetStreamingAudioAsync(
        string text, TextToSpeechOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // The attempt's token (time-out) must only govern the wait for the first chunk: Polly recycles its token
        // sources after the attempt, so the stream itself runs on our own source linked to the caller's token.
        var (enumerator, first, streamCancel) = await resilience.ExecuteAsync(
            async attemptToken =>
            {
                var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var e = base.GetStreamingAudioAsync(text, options?.Clone(), cts.Token).GetAsyncEnumerator(cts.Token);
                try
                {
                    using (attemptToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), cts))
                    {
                        return (e, await e.MoveNextAsync().ConfigureAwait(false) ? e.Current : null, cts);
                    }
                }
                catch
                {
                    await e.DisposeAsync().ConfigureAwait(false);
                    cts.Dispose();
                    throw;
                }
            },
            cancellationToken).ConfigureAwait(false);

        using (streamCancel)
        await using (enumerator.ConfigureAwait(false))
        {
            var update = first;
            while (update is not null)
            {
                yield return update;
                try
                {
                    update = await enumerator.MoveNextAsync().ConfigureAwait(false) ? enumerator.Current : null;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is not EngineException)
                {
                    throw EngineErrors.Classify(ex, resilience.Provider);
                }
            }
        }
    }
}
