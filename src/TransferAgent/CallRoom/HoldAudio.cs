using LiveKit.Api;
using LiveKit.Rtc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using WarmTransfer.TransferAgent.Audio;
using WarmTransfer.TransferAgent.Playback;
using WarmTransfer.TransferAgent.TextToSpeech;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>
/// Hold audio for the caller: the announcement, then the music loop, on an audio track named <c>hold</c>; stopped (the
/// track removed) on any later transfer state.
/// </summary>
/// <remarks>
/// The bot joins call rooms hidden, and LiveKit does not forward a hidden participant's tracks, so the hold track is
/// published by a second, visible participant of the worker (<c>{bot identity}-hold</c>, kind agent, publish-only,
/// attribute <c>wt.role=bot</c>) that joins only while the caller is on hold. Its token is minted here with the LiveKit
/// API key. Threading: <see cref="SetTransferState"/> is called from one loop; <see cref="DisposeAsync"/> stops playback.
/// </remarks>
public sealed partial class HoldAudio : IAsyncDisposable
{
    public const string TrackName = "hold";
    public const int SampleRate = 48_000;

    private readonly RoomJobContext _job;
    private readonly LiveKitServerOptions _server;
    private readonly CallRoomOptions _options;
    private readonly ITextToSpeechClient _speech;
    private readonly ILogger _logger;
    private PcmAudio? _announcement;
    private PcmAudio? _music;
    private CancellationTokenSource? _playing;
    private Task _playback = Task.CompletedTask;

    public HoldAudio(RoomJobContext job, LiveKitServerOptions server, CallRoomOptions options, ITextToSpeechClient speech, ILogger<HoldAudio> logger)
    {
        _job = job;
        _server = server;
        _options = options;
        _speech = speech;
        _logger = logger;
    }

    public string Identity => _job.ParticipantIdentity + "-hold";

    public bool IsPlaying => _playing is not null;

    /// <summary>Starts hold audio on Requested/Briefing, stops it on anything else.</summary>
    public async Task SetTransferState(string state, CancellationToken cancellationToken)
    {
        if (ControlPlane.TransferStates.IsInProgress(state))
        {
            if (_playing is null)
            {
                _playing = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var token = _playing.Token;
                _playback = Task.Run(() => PlayAsync(token), CancellationToken.None);
                LogStarted(_logger, _job.RoomName, state);
            }
        }
        else
        {
            await StopAsync().ConfigureAwait(false);
        }
    }

    public async Task StopAsync()
    {
        if (_playing is not { } playing)
        {
            return;
        }

        _playing = null;
        await playing.CancelAsync().ConfigureAwait(false);
        await _playback.ConfigureAwait(false);
        playing.Dispose();
        LogStopped(_logger, _job.RoomName);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    private async Task PlayAsync(CancellationToken cancellationToken)
    {
        try
        {
            var room = new LiveKit.Rtc.Room();
            await using (room.ConfigureAwait(false))
            {
                await room.ConnectAsync(_job.ServerUrl, MintToken(), new RoomOptions { AutoSubscribe = false }, cancellationToken).ConfigureAwait(false);
                using var source = new AudioSource(SampleRate, 1, TimeSpan.FromMilliseconds(100));
                using var track = LocalAudioTrack.Create(TrackName, source);
                await room.LocalParticipant.PublishTrackAsync(track, new TrackPublishOptions { Source = LiveKit.Rtc.TrackSource.Unknown }, cancellationToken).ConfigureAwait(false);
                // The shared player fades every start, loop seam and stop, so the caller hears no clicks.
                var player = AudioTrackPlayer.ForSource(source);
                await using (player.ConfigureAwait(false))
                {
                    try
                    {
                        _announcement ??= await SynthesizeAnnouncementAsync(cancellationToken).ConfigureAwait(false);
                        if (_announcement is { } announcement)
                        {
                            await player.PlayAsync(announcement, cancellationToken).ConfigureAwait(false);
                            await player.PlayAsync(PcmAudio.Silence(TimeSpan.FromMilliseconds(600), SampleRate), cancellationToken).ConfigureAwait(false);
                        }

                        _music ??= HoldMusic.Load(_options, SampleRate);
                        await player.PlayLoopAsync(_music, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        using var unpublish = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        try
                        {
                            await room.LocalParticipant.UnpublishTrackAsync(track.Sid, unpublish.Token).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is RtcException or OperationCanceledException or InvalidOperationException)
                        {
                            // Leaving the room below removes the track anyway.
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception e) when (e is RtcException or InvalidOperationException)
        {
            LogFailed(_logger, _job.RoomName, e.Message);
        }
    }

    private async Task<PcmAudio?> SynthesizeAnnouncementAsync(CancellationToken cancellationToken)
    {
        try
        {
            var response = await _speech.GetAudioAsync(_options.HoldAnnouncement, cancellationToken: cancellationToken).ConfigureAwait(false);
            return AudioFades.WithFadedEdges(PcmMediaType.Decode(response).ResampleTo(SampleRate));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Music without the announcement is better than silence.
            LogAnnouncementFailed(_logger, _job.RoomName, e.Message);
            return null;
        }
    }

    private string MintToken() =>
        WorkerTokens.MintCompanion(_server, _job.RoomName, Identity, "Hold music", canSubscribe: false, canPublishData: false);

    [LoggerMessage(EventId = 4320, Level = LogLevel.Information, Message = "Hold audio starts in room {Room} (transfer {State})")]
    private static partial void LogStarted(ILogger logger, string room, string state);

    [LoggerMessage(EventId = 4321, Level = LogLevel.Information, Message = "Hold audio stopped in room {Room}")]
    private static partial void LogStopped(ILogger logger, string room);

    [LoggerMessage(EventId = 4322, Level = LogLevel.Warning, Message = "Hold audio in room {Room} failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 4323, Level = LogLevel.Warning, Message = "The hold announcement could not be synthesised ({Reason}); playing music only in room {Room}")]
    private static partial void LogAnnouncementFailed(ILogger logger, string room, string reason);
}
