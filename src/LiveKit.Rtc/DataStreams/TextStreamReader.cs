using System.Runtime.CompilerServices;
using System.Threading.Channels;
using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>
/// An incoming text stream. Read it once: all at once with <see cref="ReadAllAsync"/>, or chunk by chunk by
/// enumerating it. A reader that is never read is released when disposed or when its room is disposed.
/// </summary>
public sealed class TextStreamReader : IAsyncEnumerable<string>, IDisposable, ITextStreamReaderSink
{
    private readonly FfiHandle _handle;
    private readonly Action<TextStreamReader>? _onReleased;
    private readonly Channel<TextStreamReaderEvent> _events = Channel.CreateUnbounded<TextStreamReaderEvent>(
        new UnboundedChannelOptions { SingleReader = true });
    private int _consumed;

    internal TextStreamReader(FfiHandle handle, TextStreamInfo info, string participantIdentity, Action<TextStreamReader>? onReleased)
    {
        _handle = handle;
        Info = info;
        ParticipantIdentity = participantIdentity;
        _onReleased = onReleased;
    }

    public TextStreamInfo Info { get; }

    /// <summary>The sender.</summary>
    public string ParticipantIdentity { get; }

    /// <summary>Reads the whole text (completes when the sender closes the stream).</summary>
    public async Task<string> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        Consume();
        var client = FfiClient.Instance;
        ulong asyncId = client.NextAsyncId();
        Task<FfiEvent> completion;
        try
        {
            using var lease = _handle.Acquire(this);
            completion = client.RequestAsync(new FfiRequest
            {
                TextReadAll = new TextStreamReaderReadAllRequest { ReaderHandle = lease.Id, RequestAsyncId = asyncId },
            }, asyncId, cancellationToken);
        }
        catch
        {
            _handle.Dispose();
            _onReleased?.Invoke(this);
            throw;
        }
        // The core took the reader (requests.rs take_handle): it is no longer ours to drop.
        _handle.MarkConsumed();
        _onReleased?.Invoke(this);
        var callback = (await completion.ConfigureAwait(false)).TextStreamReaderReadAll;
        return callback.ResultCase == TextStreamReaderReadAllCallback.ResultOneofCase.Error
            ? throw ThrowHelper.OperationFailed("Reading a text stream", callback.Error.Description)
            : callback.Content;
    }

    /// <summary>Yields the text chunk by chunk as it arrives.</summary>
    public IAsyncEnumerator<string> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Consume();
        var client = FfiClient.Instance;
        ulong id = _handle.Id;
        client.Dispatcher.AddTextReader(id, this);
        try
        {
            using var lease = _handle.Acquire(this);
            client.Request(new FfiRequest
            {
                TextReadIncremental = new TextStreamReaderReadIncrementalRequest { ReaderHandle = lease.Id },
            });
        }
        catch
        {
            client.Dispatcher.RemoveTextReader(id);
            _handle.Dispose();
            _onReleased?.Invoke(this);
            throw;
        }
        _handle.MarkConsumed();
        _onReleased?.Invoke(this);
        return ReadChunksAsync(client, id, cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<string> ReadChunksAsync(FfiClient client, ulong id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var e in _events.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                if (e.DetailCase == TextStreamReaderEvent.DetailOneofCase.ChunkReceived)
                {
                    yield return e.ChunkReceived.Content;
                    continue;
                }
                if (e.Eos?.Error is { } error)
                {
                    throw ThrowHelper.OperationFailed("Reading a text stream", error.Description);
                }
                yield break;
            }
        }
        finally
        {
            client.Dispatcher.RemoveTextReader(id);
        }
    }

    /// <summary>Releases the reader if it was never read.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _consumed, 1) == 0)
        {
            _handle.Dispose();
            _onReleased?.Invoke(this);
        }
    }

    void ITextStreamReaderSink.OnReaderEvent(TextStreamReaderEvent readerEvent) => _events.Writer.TryWrite(readerEvent);

    private void Consume()
    {
        if (Interlocked.Exchange(ref _consumed, 1) != 0)
        {
            throw new InvalidOperationException("A text stream can be read once, and not after it was disposed.");
        }
    }
}
