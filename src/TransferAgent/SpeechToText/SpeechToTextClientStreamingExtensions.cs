using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.SpeechToText;

public static class SpeechToTextClientStreamingExtensions
{
    /// <summary>
    /// Transcribes a 16 kHz PCM stream through VAD segmentation and one recognition call per segment
    /// (<see cref="SpeechToTextStreamAdapter"/>), yielding speech starts and final transcripts as they are ready.
    /// </summary>
    public static async IAsyncEnumerable<TranscriptEvent> TranscribeAsync(
        this ISpeechToTextClient client,
        IAsyncEnumerable<ReadOnlyMemory<short>> audio16k,
        SileroVadModel vadModel,
        VadOptions vadOptions,
        SpeechToTextStreamOptions? options = null,
        ILogger? logger = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audio16k);
        var adapter = new SpeechToTextStreamAdapter(client, vadModel, vadOptions, options, logger);
        await using (adapter.ConfigureAwait(false))
        {
            using var pumpCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pump = PumpAsync(adapter, audio16k, pumpCancel.Token);
            try
            {
                await foreach (var e in adapter.ReadEventsAsync(cancellationToken).ConfigureAwait(false))
                {
                    yield return e;
                }

                await pump.ConfigureAwait(false); // surfaces an exception from the audio source
            }
            finally
            {
                await pumpCancel.CancelAsync().ConfigureAwait(false);
                try
                {
                    await pump.ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // The consumer stopped early.
                }
            }
        }
    }

    private static async Task PumpAsync(SpeechToTextStreamAdapter adapter, IAsyncEnumerable<ReadOnlyMemory<short>> audio, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var chunk in audio.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                await adapter.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            }

            await adapter.CompleteAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Ends the event stream so the reader does not wait forever; the exception surfaces from the pump.
            await adapter.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
