using LiveKit.Rtc;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WarmTransfer.TransferAgent.ControlPlane;
using WarmTransfer.TransferAgent.SpeechToText;
using WarmTransfer.TransferAgent.Worker;

namespace WarmTransfer.TransferAgent.CallRoom;

/// <summary>
/// The call-room job (kind <c>call</c>): listens to every remote microphone in the call room, transcribes it per
/// speaker (VAD + speech-to-text) into caller/agent-labelled segments for the agents and the control API, and plays
/// hold audio while a transfer is being set up (<c>wt.transfer</c> Requested/Briefing). It never publishes a microphone.
/// </summary>
/// <remarks>
/// Threading: the room's events are read in one loop (<see cref="Room.ReadEventsAsync"/>), which owns the transcribers
/// and the hold audio; recognition and publishing run on each transcriber's tasks. Everything is stopped and awaited
/// before <see cref="RunAsync"/> returns.
/// </remarks>
public sealed partial class CallRoomJob(
    IControlPlaneClient controlPlane,
    SpeechToTextStreamFactory speechStreams,
    ITextToSpeechClient speech,
    IOptions<CallRoomOptions> options,
    IOptions<LiveKitServerOptions> server,
    ILoggerFactory loggers) : IRoomJob
{
    public const string JobKind = "call";

    private readonly ILogger _logger = loggers.CreateLogger<CallRoomJob>();

    public string Kind => JobKind;

    public async Task RunAsync(RoomJobContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = CallRoomRequest.Parse(context.Metadata, context.RoomName);
        var roles = new SpeakerRoles(await GetRoomInfoAsync(request.CallRoom, ct).ConfigureAwait(false));
        using var publisher = new TranscriptPublisher(context.Room, controlPlane, request.CallRoom, loggers.CreateLogger<TranscriptPublisher>());
        var hold = new HoldAudio(context, server.Value, options.Value, speech, loggers.CreateLogger<HoldAudio>());
        var transcribers = new Dictionary<string, SpeakerTranscriber>(StringComparer.Ordinal);
        try
        {
            foreach (var participant in context.Room.RemoteParticipants.Values)
            {
                foreach (var publication in participant.TrackPublications.Values)
                {
                    if (publication.Track is { } track)
                    {
                        Listen(participant, publication, track);
                    }
                }
            }

            await foreach (var e in context.Room.ReadEventsAsync(ct).ConfigureAwait(false))
            {
                switch (e)
                {
                    case TrackSubscribedEvent subscribed:
                        Listen(subscribed.Participant, subscribed.Publication, subscribed.Track);
                        break;
                    case TrackUnsubscribedEvent unsubscribed:
                        await StopListeningAsync(unsubscribed.Publication.Sid).ConfigureAwait(false);
                        break;
                    case DataReceivedEvent { Packet.Topic: TransferSignal.Topic } data:
                        if (TransferSignal.TryParse(data.Packet.Payload.Span, out var signal))
                        {
                            LogTransferSignal(_logger, signal!.TransferId, signal.State);
                            await hold.SetTransferState(signal.State, ct).ConfigureAwait(false);
                        }
                        else
                        {
                            LogBadSignal(_logger, data.Packet.Payload.Length);
                        }

                        break;
                    default:
                        break;
                }
            }
        }
        finally
        {
            await hold.DisposeAsync().ConfigureAwait(false);
            foreach (var transcriber in transcribers.Values)
            {
                await transcriber.DisposeAsync().ConfigureAwait(false);
            }

            LogEnded(_logger, request.CallRoom, publisher.Published);
        }

        void Listen(RemoteParticipant participant, RemoteTrackPublication publication, Track track)
        {
            if (publication.Kind != TrackKind.Audio || publication.Source != TrackSource.Microphone || transcribers.ContainsKey(publication.Sid))
            {
                return;
            }

            var role = roles.Of(participant);
            LogListening(_logger, publication.Sid, role, participant.Identity);
            transcribers[publication.Sid] = new SpeakerTranscriber(participant.Identity, role, track, speechStreams, publisher, _logger, ct);
        }

        async Task StopListeningAsync(string trackSid)
        {
            if (transcribers.Remove(trackSid, out var transcriber))
            {
                await transcriber.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<RoomInfo?> GetRoomInfoAsync(string room, CancellationToken ct)
    {
        try
        {
            return await controlPlane.GetRoomAsync(room, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ControlApiException or HttpRequestException)
        {
            // Speakers are then labelled from their participant attributes.
            LogRoomInfoUnavailable(_logger, room, e.Message);
            return null;
        }
    }

    [LoggerMessage(EventId = 4330, Level = LogLevel.Debug, Message = "Transcribing track {TrackSid} as {Role}")]
    private static partial void LogListeningCore(ILogger logger, string trackSid, SpeakerRole role);

    [LoggerMessage(EventId = 4331, Level = LogLevel.Trace, Message = "Track {TrackSid} ({Role}) belongs to {Identity}")]
    private static partial void LogListeningIdentity(ILogger logger, string trackSid, SpeakerRole role, string identity);

    [LoggerMessage(EventId = 4332, Level = LogLevel.Information, Message = "Transfer {TransferId} is {State}")]
    private static partial void LogTransferSignal(ILogger logger, string transferId, string state);

    [LoggerMessage(EventId = 4333, Level = LogLevel.Warning, Message = "Ignored a malformed wt.transfer packet ({Bytes} bytes)")]
    private static partial void LogBadSignal(ILogger logger, int bytes);

    [LoggerMessage(EventId = 4334, Level = LogLevel.Warning, Message = "The control API did not describe room {Room} ({Reason}); labelling speakers from their attributes")]
    private static partial void LogRoomInfoUnavailable(ILogger logger, string room, string reason);

    [LoggerMessage(EventId = 4335, Level = LogLevel.Information, Message = "Call room {Room} job ends after {Segments} transcript segments")]
    private static partial void LogEnded(ILogger logger, string room, int segments);

    private static void LogListening(ILogger logger, string trackSid, SpeakerRole role, string identity)
    {
        LogListeningCore(logger, trackSid, role);
        LogListeningIdentity(logger, trackSid, role, identity);
    }
}
