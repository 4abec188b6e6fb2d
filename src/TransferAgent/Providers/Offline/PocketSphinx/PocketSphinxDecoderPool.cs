using System.Collections.Concurrent;

namespace WarmTransfer.TransferAgent.Providers.Offline.PocketSphinx;

/// <summary>
/// Up to <see cref="PocketSphinxOptions.MaxDecoders"/> native decoders shared by every stream of the process. Decoders
/// are created on demand (0.5 s each) and reused; a caller waits when all are busy. Dispose frees them; callers
/// must have returned their leases first.
/// </summary>
public sealed class PocketSphinxDecoderPool : IDisposable
{
    private readonly ConcurrentBag<PocketSphinxDecoder> _idle = [];
    private readonly ConcurrentBag<PocketSphinxDecoder> _all = [];
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    public PocketSphinxDecoderPool(PocketSphinxOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _slots = new SemaphoreSlim(options.MaxDecoders, options.MaxDecoders);
    }

    public PocketSphinxOptions Options { get; }

    /// <summary>Decoders created so far.</summary>
    public int Created => _all.Count;

    /// <summary>Creates one decoder ahead of the first call, so the model loads (and a broken install fails) at start-up.</summary>
    public void WarmUp()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_all.IsEmpty)
        {
            var decoder = new PocketSphinxDecoder(Options);
            _all.Add(decoder);
            _idle.Add(decoder);
        }
    }

    /// <summary>Decodes one utterance of 16 kHz mono PCM on a pooled decoder (blocking: call from a worker thread).</summary>
    internal async Task<string> DecodeAsync(ReadOnlyMemory<short> samples16k, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        PocketSphinxDecoder? decoder = null;
        try
        {
            return await Task.Run(
                () =>
                {
                    if (!_idle.TryTake(out decoder))
                    {
                        decoder = new PocketSphinxDecoder(Options);
                        _all.Add(decoder);
                    }

                    return decoder.Decode(samples16k.Span);
                },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (decoder is not null)
            {
                _idle.Add(decoder);
            }

            _slots.Release();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var decoder in _all)
        {
            decoder.Dispose();
        }

        _slots.Dispose();
    }
}
