using LiveKit.Rtc;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.SpeechToText;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>
/// One speaker's microphone: an <see cref="AudioStream"/> at 16 kHz mono into a VAD + speech-to-text stream, final
/// segments out through the <see cref="TranscriptPublisher"/>.
/// </summary>
/// <remarks>
/// Two tasks: the audio pump (frames into the adapter; the VAD runs inline) and the event reader (recognised segments
/// out). When the track ends, the open segment is recognised before the reader finishes. <see cref="DisposeAsync"/>
/// stops both and waits for them; the adapter and the stream are owned here.
/// </remarks>
internal sealed partial class SpeakerTranscriber : IAsyncDisposable
{
    public const int SampleRate = 16_000;

    /// <summary>How long a stopping transcriber may spend recognising its last open segment.</summary>
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(10);

    private readonly string _identity;
    private readonly SpeakerRole _role;
    private readonly TranscriptPublisher _publisher;
    private readonly ILogger _logger;
    private readonly AudioStream _stream;
    private readonly SpeechToTextStreamAdapter _adapter;
    private readonly CancellationTokenSource _stop;
    private readonly Task _pump;
    private readonly Task _reader;

    public SpeakerTranscriber(string identity, SpeakerRole role, Track track, SpeechToTextStreamFactory factory, TranscriptPublisher publisher, ILogger logger, CancellationToken jobToken)
    {
        _identity = identity;
        _role = role;
        _publisher = publisher;
        _logger = logger;
        TrackSid = track.Sid;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(jobToken);
        // 2 s of buffer: recognition runs elsewhere, but a loaded machine may still stall the pump for a moment.
        _stream = AudioStream.FromTrack(track, new AudioStreamOptions { SampleRate = SampleRate, NumChannels = 1, Capacity = 200 });
        _adapter = factory.Create(track.Sid);
        _pump = Task.Run(PumpAsync, CancellationToken.None);
        _reader = Task.Run(ReadAsync, CancellationToken.None);
    }

    public string TrackSid { get; }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        await _adapter.DisposeAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task PumpAsync()
    {
        try
        {
            await foreach (var frame in _stream.WithCancellation(_stop.Token).ConfigureAwait(false))
            {
                await _adapter.WriteAsync(frame.Data, _stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping: the open segment is flushed below.
        }
        catch (Exception e) when (e is RtcException or ObjectDisposedException)
        {
            LogAudioEnded(_logger, TrackSid, e.Message);
        }

        using var flush = new CancellationTokenSource(FlushTimeout);
        try
        {
            await _adapter.CompleteAsync(flush.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Too many segments queued to flush in time; they are dropped with the adapter.
        }
    }

    private async Task ReadAsync()
    {
        using var flush = new CancellationTokenSource();
        using var stopping = _stop.Token.Register(() => flush.CancelAfter(FlushTimeout));
        try
        {
            await foreach (var e in _adapter.ReadEventsAsync(flush.Token).ConfigureAwait(false))
            {
                if (e.Kind == TranscriptEventKind.FinalTranscript)
                {
                    await _publisher.PublishAsync(_identity, _role, e, flush.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped before every segment was recognised.
        }
    }

    [LoggerMessage(EventId = 4310, Level = LogLevel.Debug, Message = "Audio of track {TrackSid} ended: {Reason}")]
    private static partial void LogAudioEnded(ILogger logger, string trackSid, string reason);
}
