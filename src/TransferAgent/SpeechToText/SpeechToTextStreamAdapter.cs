using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using WarmTransfer.TransferAgent.Resilience;
using WarmTransfer.TransferAgent.Vad;

namespace WarmTransfer.TransferAgent.SpeechToText;

/// <summary>
/// VAD + batch speech-to-text as a stream (the livekit-agents stream_adapter pattern): 16 kHz PCM goes in through
/// <see cref="WriteAsync"/>; Silero VAD cuts it into speech segments; each segment is one
/// <see cref="ISpeechToTextClient.GetTextAsync"/> call (so any batch provider, and the fallback chain, works); final
/// transcripts come out of <see cref="ReadEventsAsync"/> in segment order.
/// </summary>
/// <remarks>
/// Threading: one writer (the speaker's audio loop) and one reader. The VAD runs inline in <see cref="WriteAsync"/>
/// (about 0.2 ms per 32 ms); recognition runs on a background task, one segment at a time, so a slow provider delays
/// this speaker's transcripts but never the audio loop until <see cref="SpeechToTextStreamOptions.MaxQueuedSegments"/>
/// segments are waiting. A segment whose every provider fails produces a <see cref="TranscriptEventKind.RecognitionFailed"/>
/// event and the stream continues. <see cref="DisposeAsync"/> cancels recognition and awaits the background task;
/// the client and the VAD model are borrowed, not owned.
/// </remarks>
public sealed partial class SpeechToTextStreamAdapter : IAsyncDisposable
{
    private readonly ISpeechToTextClient _client;
    private readonly SpeechToTextStreamOptions _options;
    private readonly ILogger _logger;
    private readonly VoiceActivityDetector _vad;
    private readonly List<VadEvent> _vadEvents = [];
    private readonly Channel<SpeechSegment> _segments;
    private readonly Channel<TranscriptEvent> _events = Channel.CreateUnbounded<TranscriptEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _recognition;
    private int _startedSegments;
    private bool _completed;

    public SpeechToTextStreamAdapter(
        ISpeechToTextClient client,
        SileroVadModel vadModel,
        VadOptions vadOptions,
        SpeechToTextStreamOptions? options = null,
        ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(vadModel);
        ArgumentNullException.ThrowIfNull(vadOptions);
        _client = client;
        _options = options ?? new SpeechToTextStreamOptions();
        _logger = logger ?? NullLogger.Instance;
        _vad = new VoiceActivityDetector(vadModel, vadOptions);
        _segments = Channel.CreateBounded<SpeechSegment>(new BoundedChannelOptions(_options.MaxQueuedSegments)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _recognition = Task.Run(RecognizeLoopAsync);
    }

    /// <summary>Audio analysed so far.</summary>
    public TimeSpan Position => _vad.Position;

    /// <summary>Feeds 16 kHz mono PCM (any chunk size). Waits only when too many segments are queued for recognition.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<short> samples16k, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        if (_completed)
        {
            throw new InvalidOperationException("The stream was completed; no more audio can be written.");
        }

        _vad.Process(samples16k.Span, _vadEvents);
        await DispatchAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ends the input: the open segment (if any) is recognised, then the event stream completes.</summary>
    public async ValueTask CompleteAsync(CancellationToken cancellationToken = default)
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _vad.Complete(_vadEvents);
        await DispatchAsync(cancellationToken).ConfigureAwait(false);
        _segments.Writer.TryComplete();
    }

    /// <summary>Speech starts and final transcripts, in order; completes after <see cref="CompleteAsync"/> once every segment is done.</summary>
    public IAsyncEnumerable<TranscriptEvent> ReadEventsAsync(CancellationToken cancellationToken = default) =>
        _events.Reader.ReadAllAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _segments.Writer.TryComplete();
        try
        {
            await _recognition.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Expected: recognition was cancelled.
        }

        _events.Writer.TryComplete();
        _vad.Dispose();
        _stopping.Dispose();
    }

    private string SegmentId(int index) => $"{_options.StreamId}-{index}";

    private async ValueTask DispatchAsync(CancellationToken cancellationToken)
    {
        foreach (var e in _vadEvents)
        {
            if (e.Kind == VadEventKind.SpeechStarted)
            {
                _events.Writer.TryWrite(new TranscriptEvent { Kind = TranscriptEventKind.SpeechStarted, SegmentId = SegmentId(_startedSegments++), Start = e.Timestamp });
            }
            else
            {
                await _segments.Writer.WriteAsync(e.Segment!, cancellationToken).ConfigureAwait(false);
            }
        }

        _vadEvents.Clear();
    }

    private async Task RecognizeLoopAsync()
    {
        var token = _stopping.Token;
        try
        {
            await foreach (var segment in _segments.Reader.ReadAllAsync(token).ConfigureAwait(false))
            {
                var transcript = await RecognizeAsync(segment, token).ConfigureAwait(false);
                if (transcript is not null)
                {
                    _events.Writer.TryWrite(transcript);
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private async Task<TranscriptEvent?> RecognizeAsync(SpeechSegment segment, CancellationToken cancellationToken)
    {
        string id = SegmentId(segment.Index);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var options = new SpeechToTextOptions { SpeechLanguage = _options.Language, SpeechSampleRate = segment.Audio.SampleRate };
            var response = await _client.GetTextAsync(SpeechAudio.ToWavStream(segment.Audio), options, cancellationToken).ConfigureAwait(false);
            string text = response.Text.Trim();
            var provenance = response.GetProvenance();
            double elapsedMs = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            LogRecognized(_logger, id, provenance?.ServedBy ?? "stt", segment.Audio.Duration.TotalMilliseconds, elapsedMs);
            LogTranscript(_logger, id, text);
            return text.Length == 0 ? null : new TranscriptEvent
            {
                Kind = TranscriptEventKind.FinalTranscript,
                SegmentId = id,
                Start = segment.Start,
                End = segment.End,
                Text = text,
                Provenance = provenance,
            };
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var error = EngineErrors.Classify(ex, ex is EngineException { Provider: { } p } ? p : "stt");
            LogRecognitionFailed(_logger, id, error.Kind, segment.Audio.Duration.TotalMilliseconds);
            return new TranscriptEvent { Kind = TranscriptEventKind.RecognitionFailed, SegmentId = id, Start = segment.Start, End = segment.End, Error = error };
        }
    }

    [LoggerMessage(EventId = 3200, Level = LogLevel.Debug, Message = "Segment {SegmentId} transcribed by {Provider}: {AudioMs:0} ms of audio in {ElapsedMs:0} ms")]
    private static partial void LogRecognized(ILogger logger, string segmentId, string provider, double audioMs, double elapsedMs);

    [LoggerMessage(EventId = 3201, Level = LogLevel.Trace, Message = "Segment {SegmentId} text: {Text}")]
    private static partial void LogTranscript(ILogger logger, string segmentId, string text);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Segment {SegmentId} could not be transcribed ({Kind}); {AudioMs:0} ms of speech has no text")]
    private static partial void LogRecognitionFailed(ILogger logger, string segmentId, EngineErrorKind kind, double audioMs);
}
