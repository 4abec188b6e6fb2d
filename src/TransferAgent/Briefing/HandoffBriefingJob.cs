using System.Globalization;
using System.Threading.Channels;
using LiveKit.Rtc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.Playback;
using WarmTransfer.TransferAgent.Summaries;

namespace WarmTransfer.TransferAgent.Briefing;

/// <summary>
/// The bot's work in a handoff room: read the transfer's context from the control API, summarise it, post the
/// summary, wait for Agent B's audio, then speak the summary sentence by sentence as the published track
/// <see cref="BriefingOptions.TrackName"/> while its text goes out on <c>lk.transcription</c>; repeat it on
/// <c>{"action":"repeat"}</c> (<c>wt.briefing</c>); stop at once when the transfer moves past Briefing (<c>wt.transfer</c>),
/// the room closes or the job is cancelled. Events (started, spoken, repeated, provider fallback, agent joined, errors)
/// are posted to the control API.
/// </summary>
/// <remarks>
/// Stateless between runs and thread-safe: one instance serves any number of concurrent handoff rooms. RunAsync returns
/// when the transfer or the room ends, or when Agent B never brought audio up (with a <c>worker_error</c> saying so);
/// it throws when the context or the summary cannot be had (after a <c>worker_error</c>), or when cancelled.
/// </remarks>
public sealed partial class HandoffBriefingJob(
    IControlPlaneClient controlPlane,
    TransferSummarizer summarizer,
    ITextToSpeechClient textToSpeech,
    IOptions<BriefingOptions> options,
    ILogger<HandoffBriefingJob>? logger = null,
    TimeProvider? timeProvider = null)
{
    private const string TranscriptionTopic = "lk.transcription";
    private static readonly TimeSpan SourceQueue = TimeSpan.FromMilliseconds(100);
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;
    private readonly BriefingOptions _options = options.Value;

    public async Task RunAsync(Room room, HandoffJobRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(room);
        ArgumentNullException.ThrowIfNull(request);
        await using var events = new BriefingEventPoster(controlPlane, request.TransferId, _logger);
        using var watcher = new HandoffRoomWatcher(room, request.TransferId, () => events.Post(WorkerEventTypes.AgentJoined));
        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct, watcher.Ended);
        LogStarted(_logger, request.TransferId);
        try
        {
            await BriefAsync(room, request, watcher, events, run.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (watcher.Ended.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // The transfer moved on (or the room closed): the normal end of a briefing.
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogFailed(_logger, request.TransferId, e);
            events.Post(WorkerEventTypes.WorkerError, "The briefing failed: " + e.Message);
            throw;
        }

        LogEnded(_logger, request.TransferId, watcher.EndReason ?? "done");
    }

    private async Task BriefAsync(Room room, HandoffJobRequest request, HandoffRoomWatcher watcher, BriefingEventPoster events, CancellationToken ct)
    {
        var context = await controlPlane.GetTransferContextAsync(request.TransferId, ct).ConfigureAwait(false);
        if (!TransferStates.IsInProgress(context.State))
        {
            LogNotInProgress(_logger, request.TransferId, context.State);
            return;
        }

        watcher.WatchAgent(context.ToAgent);
        var summary = await summarizer.SummarizeAsync(context.ToSummaryContext(), ct).ConfigureAwait(false);
        await PostSummaryAsync(request.TransferId, summary, ct).ConfigureAwait(false);
        if (summary.Provenance is { FellBack: true } summaryProvenance)
        {
            events.Post(WorkerEventTypes.ProviderFallback, "summary: " + summaryProvenance);
        }

        // Synthesis and publishing start now, so the first words follow Agent B's audio as closely as possible.
        await using var speech = new BriefingSpeech(textToSpeech, summary.Text, _options.SampleRate, p => events.Post(WorkerEventTypes.ProviderFallback, "speech: " + p));
        speech.Start(ct);
        using var source = new AudioSource(_options.SampleRate, 1, SourceQueue);
        using var track = LocalAudioTrack.Create(BriefingOptions.TrackName, source);
        var publication = await room.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = TrackSource.Microphone }, ct).ConfigureAwait(false);
        await using var player = AudioTrackPlayer.ForSource(source, timeProvider: _time);
        try
        {
            try
            {
                await watcher.AgentAudioUp.WaitAsync(_options.AgentAudioTimeout, _time, ct).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                string seconds = _options.AgentAudioTimeout.TotalSeconds.ToString("0", CultureInfo.InvariantCulture);
                LogAgentAudioTimeout(_logger, request.TransferId, _options.AgentAudioTimeout.TotalSeconds);
                events.Post(WorkerEventTypes.WorkerError, $"Agent B did not publish audio in the handoff room within {seconds} s; the briefing was not spoken (its text was posted).");
                return;
            }

            for (int round = 0; ; round++)
            {
                await SpeakAsync(room, request, speech, player, events, round, ct).ConfigureAwait(false);
                // Requests made while it was speaking are answered by what was just spoken.
                while (watcher.Repeats.TryRead(out _))
                {
                }

                if (round >= _options.MaxRepeats)
                {
                    LogRepeatsExhausted(_logger, request.TransferId, _options.MaxRepeats);
                    await Task.Delay(Timeout.InfiniteTimeSpan, _time, ct).ConfigureAwait(false);
                }

                await watcher.Repeats.ReadAsync(ct).ConfigureAwait(false);
            }
        }
        finally
        {
            await UnpublishAsync(room, publication.Sid).ConfigureAwait(false);
        }
    }

    private async Task PostSummaryAsync(string transferId, TransferSummary summary, CancellationToken ct)
    {
        try
        {
            await controlPlane.PostSummaryAsync(transferId, new SummaryPost(summary.Text, summary.Provenance?.ServedBy), ct).ConfigureAwait(false);
        }
        catch (ControlApiException e)
        {
            // The spoken briefing is still worth giving: record the failure and go on.
            LogSummaryNotPosted(_logger, transferId, e.StatusCode is { } s ? (int)s : 0);
        }
    }

    /// <summary>Speaks the whole briefing once; each sentence's text is written to the transcription stream as its audio starts.</summary>
    private async Task SpeakAsync(Room room, HandoffJobRequest request, BriefingSpeech speech, AudioTrackPlayer player, BriefingEventPoster events, int round, CancellationToken ct)
    {
        events.Post(round == 0 ? WorkerEventTypes.BriefingStarted : WorkerEventTypes.BriefingRepeated);
        LogSpeaking(_logger, request.TransferId, round, speech.Sentences.Count);
        var attributes = new Dictionary<string, string>
        {
            ["lk.transcribed_participant_identity"] = room.LocalParticipant.Identity,
            ["lk.segment_id"] = $"briefing-{request.TransferId}-{round}",
            ["lk.transcription_final"] = "false",
        };
        var writer = await room.LocalParticipant.StreamTextAsync(TranscriptionTopic, new TextStreamOptions { Attributes = attributes, Generated = true }, ct).ConfigureAwait(false);
        var texts = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writing = WriteTextsAsync(writer, texts.Reader, ct);
        bool completed = false;
        try
        {
            var outcome = await player.PlayAsync(speech.ClipsAsync(ct), i => texts.Writer.TryWrite((i == 0 ? "" : " ") + speech.Sentences[i].Display), ct).ConfigureAwait(false);
            completed = outcome == PlaybackOutcome.Completed;
        }
        finally
        {
            texts.Writer.TryComplete();
            await writing.ConfigureAwait(false);
            try
            {
                await writer.CloseAsync(attributes: new Dictionary<string, string> { ["lk.transcription_final"] = "true" }, cancellationToken: CancellationToken.None).ConfigureAwait(false);
            }
            catch (RtcException e) when (ct.IsCancellationRequested || !room.IsConnected)
            {
                // Stopped because the transfer moved on or the room closed: nobody is left to read the stream's end,
                // and this must not hide why the briefing stopped.
                LogTextStreamNotClosed(_logger, request.TransferId, e.Message);
            }
        }

        if (completed)
        {
            string detail = string.Create(CultureInfo.InvariantCulture, $"{speech.Duration.TotalSeconds:0.0} s of speech by {speech.ServedBy ?? "tts"}");
            events.Post(WorkerEventTypes.BriefingSpoken, detail);
            LogSpoken(_logger, request.TransferId, round, speech.Duration.TotalSeconds);
        }
    }

    private static async Task WriteTextsAsync(TextStreamWriter writer, ChannelReader<string> texts, CancellationToken ct)
    {
        try
        {
            await foreach (string text in texts.ReadAllAsync(ct).ConfigureAwait(false))
            {
                await writer.WriteAsync(text, ct).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the stream is closed with what was spoken so far.
        }
    }

    private async Task UnpublishAsync(Room room, string trackSid)
    {
        if (!room.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await room.LocalParticipant.UnpublishTrackAsync(trackSid, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is RtcException or OperationCanceledException)
        {
            LogUnpublishFailed(_logger, e);
        }
    }
}
