using LiveKit.Rtc.Internal;
using LiveKit.Rtc.Internal.Ffi;
using LiveKit.Rtc.Internal.Proto;

namespace LiveKit.Rtc;

/// <summary>
/// An outgoing text stream opened with <see cref="LocalParticipant.StreamTextAsync"/>: write chunks, then
/// close it (disposing closes it too). Receivers see the chunks as they are written.
/// </summary>
public sealed class TextStreamWriter : IAsyncDisposable
{
    private readonly FfiHandle _handle;
    private int _closed;

    internal TextStreamWriter(FfiHandle handle, TextStreamInfo info)
    {
        _handle = handle;
        Info = info;
    }

    public TextStreamInfo Info { get; }

    public async Task WriteAsync(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var client = FfiClient.Instance;
        ulong asyncId = client.NextAsyncId();
        Task<FfiEvent> completion;
        using (var lease = _handle.Acquire(this))
        {
            completion = client.RequestAsync(new FfiRequest
            {
                TextStreamWrite = new TextStreamWriterWriteRequest { WriterHandle = lease.Id, Text = text, RequestAsyncId = asyncId },
            }, asyncId, cancellationToken);
        }
        var callback = (await completion.ConfigureAwait(false)).TextStreamWriterWrite;
        if (callback.Error is { } error)
        {
            throw ThrowHelper.OperationFailed("Writing a text stream", error.Description);
        }
    }

    /// <summary>Ends the stream, optionally with a reason and final attributes.</summary>
    public async Task CloseAsync(string? reason = null, IReadOnlyDictionary<string, string>? attributes = null, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
        {
            return;
        }
        var client = FfiClient.Instance;
        ulong asyncId = client.NextAsyncId();
        var request = new TextStreamWriterCloseRequest { RequestAsyncId = asyncId };
        if (reason is not null)
        {
            request.Reason = reason;
        }
        foreach (var (key, value) in attributes ?? new Dictionary<string, string>())
        {
            request.Attributes[key] = value;
        }
        Task<FfiEvent> completion;
        try
        {
            using var lease = _handle.Acquire(this);
            request.WriterHandle = lease.Id;
            completion = client.RequestAsync(new FfiRequest { TextStreamClose = request }, asyncId, cancellationToken);
        }
        catch
        {
            _handle.Dispose();
            throw;
        }
        // The core took the writer (requests.rs take_handle).
        _handle.MarkConsumed();
        var callback = (await completion.ConfigureAwait(false)).TextStreamWriterClose;
        if (callback.Error is { } error)
        {
            throw ThrowHelper.OperationFailed("Closing a text stream", error.Description);
        }
    }

    public async ValueTask DisposeAsync() => await CloseAsync().ConfigureAwait(false);
}
