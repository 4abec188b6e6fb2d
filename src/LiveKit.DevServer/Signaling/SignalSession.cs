using LiveKit.DevServer.Rooms;
using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// Serves one joined participant's <c>/rtc</c> connection: reads its requests in order and applies them
/// (cf. srv:rtc/participant_signal.go). Bad input (oversized, text, malformed, unknown type) gets a
/// request_response error on this connection only; a client that sends nothing but bad input is
/// eventually disconnected.
/// </summary>
internal sealed partial class SignalSession(
    ServerParticipant participant,
    SignalConnection connection,
    DevServerLimits limits,
    DevServerMetrics metrics,
    TimeProvider time,
    ILogger<SignalSession> logger)
{
    /// <summary>Consecutive invalid messages after which the connection is closed (policy violation).</summary>
    public const int MaxConsecutiveInvalid = 20;

    private readonly string _sdk = participant.Client.Sdk.ToString();
    private int _consecutiveInvalid;

    /// <summary>Runs until the client leaves or the connection closes; returns why, for the room.</summary>
    public async Task<DisconnectReason> RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var message = await connection.Socket.ReceiveAsync(cancellationToken).ConfigureAwait(false);
            switch (message.Kind)
            {
                case InboundKind.Closed:
                    return DisconnectReason.SignalClose;
                case InboundKind.TooLarge:
                    Reject("oversized", RequestResponse.Types.Reason.LimitExceeded, $"signal message of {message.Size} bytes exceeds the limit of {limits.MaxSignalMessageBytes} bytes; it was discarded");
                    break;
                case InboundKind.Text:
                    Reject("text", RequestResponse.Types.Reason.InvalidRequest, "text frames are not accepted; send SignalRequest as binary protobuf");
                    break;
                default:
                    if (!SignalRequestReader.TryParse(message.Payload.Span, out var request, out var field, out var error))
                    {
                        Reject("malformed", RequestResponse.Types.Reason.InvalidRequest, error);
                    }
                    else if (request.MessageCase == SignalRequest.MessageOneofCase.None)
                    {
                        Reject("unknown_type", RequestResponse.Types.Reason.UnsupportedType, $"unknown signal request type (field {field}); nothing was done");
                    }
                    else
                    {
                        _consecutiveInvalid = 0;
                        if (!await HandleAsync(request, cancellationToken).ConfigureAwait(false))
                        {
                            connection.Close(null, "client left");
                            return DisconnectReason.ClientInitiated;
                        }
                    }

                    break;
            }

            if (_consecutiveInvalid >= MaxConsecutiveInvalid)
            {
                LogTooManyInvalid(logger, participant.Sid, _consecutiveInvalid);
                connection.Socket.CloseAfterPending(System.Net.WebSockets.WebSocketCloseStatus.PolicyViolation, "too many invalid messages");
                return DisconnectReason.SignalClose;
            }
        }
    }

    /// <summary>Applies one request. Returns false when the client left.</summary>
    private async ValueTask<bool> HandleAsync(SignalRequest request, CancellationToken cancellationToken)
    {
        switch (request.MessageCase)
        {
            case SignalRequest.MessageOneofCase.Offer:
                await AnswerPublisherAsync(request.Offer, cancellationToken).ConfigureAwait(false);
                break;
            case SignalRequest.MessageOneofCase.Answer:
                if (request.Answer.Type != "answer")
                {
                    Reject("malformed", RequestResponse.Types.Reason.InvalidRequest, $"answer has type '{request.Answer.Type}'; expected 'answer'");
                }
                else if (participant.Negotiator is { } negotiator)
                {
                    await negotiator.OnAnswerAsync(request.Answer, cancellationToken).ConfigureAwait(false);
                }

                break;
            case SignalRequest.MessageOneofCase.Trickle:
                Trickle(request.Trickle);
                break;
            case SignalRequest.MessageOneofCase.AddTrack:
                ServerRoom.AddTrack(participant, request.AddTrack);
                break;
            case SignalRequest.MessageOneofCase.Mute:
                ServerRoom.MuteOwnTrack(participant, request.Mute);
                break;
            case SignalRequest.MessageOneofCase.Subscription:
                var sids = request.Subscription.TrackSids.Concat(request.Subscription.ParticipantTracks.SelectMany(t => t.TrackSids)).ToList();
                ServerRoom.UpdateSubscription(participant, sids, request.Subscription.Subscribe);
                break;
            case SignalRequest.MessageOneofCase.Leave:
                return false;
            case SignalRequest.MessageOneofCase.Ping:
                Send(new SignalResponse { Pong = time.GetUtcNow().ToUnixTimeMilliseconds() });
                metrics.PongSent(_sdk);
                break;
            case SignalRequest.MessageOneofCase.PingReq:
                Send(new SignalResponse
                {
                    PongResp = new Pong { LastPingTimestamp = request.PingReq.Timestamp, Timestamp = time.GetUtcNow().ToUnixTimeMilliseconds() },
                });
                metrics.PongSent(_sdk);
                break;
            case SignalRequest.MessageOneofCase.UpdateMetadata:
                ServerRoom.UpdateOwnMetadata(participant, request.UpdateMetadata);
                break;
            case SignalRequest.MessageOneofCase.PublishDataTrackRequest:
                Send(Unsupported(0, "data tracks are not supported by this server", r => r.PublishDataTrack = request.PublishDataTrackRequest));
                break;
            case SignalRequest.MessageOneofCase.UnpublishDataTrackRequest:
                Send(Unsupported(0, "data tracks are not supported by this server", r => r.UnpublishDataTrack = request.UnpublishDataTrackRequest));
                break;
            case SignalRequest.MessageOneofCase.StoreDataBlobRequest:
                Send(Unsupported(request.StoreDataBlobRequest.RequestId, "data blobs are not supported by this server", null));
                break;
            case SignalRequest.MessageOneofCase.GetDataBlobRequest:
                Send(Unsupported(request.GetDataBlobRequest.RequestId, "data blobs are not supported by this server", null));
                break;
            default:
                // track_setting, update_layers, subscription_permission, sync_state, simulate,
                // update_audio_track, update_video_track, update_data_subscription: adaptive-stream and
                // resume details a development server need not act on.
                LogIgnored(logger, participant.Sid, request.MessageCase);
                break;
        }

        return true;
    }

    private async ValueTask AnswerPublisherAsync(SessionDescription offer, CancellationToken cancellationToken)
    {
        if (offer.Type != "offer")
        {
            Reject("malformed", RequestResponse.Types.Reason.InvalidRequest, $"offer has type '{offer.Type}'; expected 'offer'");
            return;
        }

        var answer = await participant.Media.AnswerPublisherOfferAsync(offer.Sdp, cancellationToken).ConfigureAwait(false);
        if (answer is not null)
        {
            // livekit-client drops an answer whose id is not its latest offer's (lkc:PCTransport.ts).
            Send(new SignalResponse { Answer = new SessionDescription { Type = "answer", Sdp = answer, Id = offer.Id } });
        }
    }

    private void Trickle(TrickleRequest trickle)
    {
        if (!CandidateInit.IsValid(trickle.CandidateInit, out var error))
        {
            Reject("malformed", RequestResponse.Types.Reason.InvalidRequest, error);
            return;
        }

        participant.Media.AddRemoteCandidate(trickle.Target, trickle.CandidateInit, trickle.Final);
    }

    private void Reject(string kind, RequestResponse.Types.Reason reason, string message)
    {
        _consecutiveInvalid++;
        metrics.SignalMessageRejected(kind);
        LogRejected(logger, participant.Sid, kind, message);
        Send(new SignalResponse { RequestResponse = new RequestResponse { Reason = reason, Message = message } });
    }

    private void Send(SignalResponse response) => connection.Send(SignalFrame.From(response));

    private static SignalResponse Unsupported(uint requestId, string message, Action<RequestResponse>? fill)
    {
        var response = new RequestResponse { RequestId = requestId, Reason = RequestResponse.Types.Reason.UnsupportedType, Message = message };
        fill?.Invoke(response);
        return new SignalResponse { RequestResponse = response };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Participant {ParticipantSid}: refused a signal message ({Kind}): {Detail}")]
    private static partial void LogRejected(ILogger logger, string participantSid, string kind, string detail);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Participant {ParticipantSid}: {Count} invalid signal messages in a row; closing the connection")]
    private static partial void LogTooManyInvalid(ILogger logger, string participantSid, int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Participant {ParticipantSid}: {Request} accepted and ignored")]
    private static partial void LogIgnored(ILogger logger, string participantSid, SignalRequest.MessageOneofCase request);
}
