using LiveKit.Proto;
using Microsoft.Extensions.Logging;

namespace LiveKit.DevServer.Rooms.Media;

/// <summary>
/// Serializes the server-offered subscriber negotiation of one participant: at most one offer in flight;
/// changes requested meanwhile are folded into one follow-up offer after the answer arrives
/// (cf. livekit/livekit pkg/rtc/transport negotiation state).
/// </summary>
/// <remarks>
/// Thread-safe. <see cref="NegotiationNeeded"/> never blocks (it may be called under the room lock); the
/// offer is built on the thread pool and queued on the signal connection after everything queued before
/// the call. The running offer task is awaited by <see cref="DisposeAsync"/>. With a room serializer, the offer is
/// built and queued under the room's lock: otherwise a room signal queued meanwhile (a move's room_moved, a leave)
/// could reach the client before an offer that still names the tracks of participants it no longer knows, and
/// livekit-client reports "Tried to add a track for a participant, that's not present".
/// </remarks>
internal sealed partial class SubscriberNegotiator : IAsyncDisposable
{
    private readonly IParticipantMedia _media;
    private readonly IParticipantSignal _signal;
    private readonly ILogger _logger;
    private readonly Func<Action, bool>? _inRoom;
    private readonly CancellationTokenSource _closed = new();
    private readonly Lock _gate = new();
    private SubscriberNegotiationState _state = SubscriberNegotiationState.Stable;
    private bool _pending;
    private uint _lastOfferId;
    private Task _running = Task.CompletedTask;
    private TaskCompletionSource? _answered;

    /// <param name="inRoom">Runs an action under the lock of the participant's current room; false when the participant has left.</param>
    public SubscriberNegotiator(IParticipantMedia media, IParticipantSignal signal, ILogger logger, Func<Action, bool>? inRoom = null)
    {
        _media = media;
        _signal = signal;
        _logger = logger;
        _inRoom = inRoom;
    }

    public SubscriberNegotiationState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// Completes when the offer now awaiting an answer has been answered and applied (or the negotiation closed);
    /// already complete when no offer is awaiting an answer.
    /// </summary>
    public Task OfferAnswered
    {
        get
        {
            lock (_gate)
            {
                // Set exactly while an offer awaits its answer.
                return _answered?.Task ?? Task.CompletedTask;
            }
        }
    }

    /// <summary>Requests an offer reflecting the current subscriptions.</summary>
    public void NegotiationNeeded()
    {
        lock (_gate)
        {
            switch (_state)
            {
                case SubscriberNegotiationState.Stable:
                    _state = SubscriberNegotiationState.CreatingOffer;
                    _running = Task.Run(CreateOffer, CancellationToken.None);
                    break;
                case SubscriberNegotiationState.CreatingOffer or SubscriberNegotiationState.AwaitingAnswer:
                    _pending = true;
                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// The client's answer to a subscriber offer. Answers to an older offer are ignored. An answer with id 0
    /// answers the latest offer: the Rust SDK does not echo offer ids on the subscriber connection.
    /// </summary>
    public async ValueTask OnAnswerAsync(SessionDescription answer, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_state != SubscriberNegotiationState.AwaitingAnswer || (answer.Id != 0 && answer.Id != _lastOfferId))
            {
                LogStaleAnswer(_logger, answer.Id, _lastOfferId);
                return;
            }
        }

        try
        {
            await _media.ApplySubscriberAnswerAsync(answer.Sdp, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            TaskCompletionSource? answered = null;
            lock (_gate)
            {
                if (_state == SubscriberNegotiationState.AwaitingAnswer)
                {
                    (answered, _answered) = (_answered, null);
                    _state = SubscriberNegotiationState.Stable;
                    if (_pending)
                    {
                        _pending = false;
                        _state = SubscriberNegotiationState.CreatingOffer;
                        _running = Task.Run(CreateOffer, CancellationToken.None);
                    }
                }
            }

            answered?.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task running;
        TaskCompletionSource? answered;
        lock (_gate)
        {
            _state = SubscriberNegotiationState.Closed;
            running = _running;
            (answered, _answered) = (_answered, null);
        }

        answered?.TrySetResult();

        await _closed.CancelAsync().ConfigureAwait(false);
        try
        {
            await running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _closed.Dispose();
    }

    private void CreateOffer()
    {
        if (_inRoom is null)
        {
            Offer();
            return;
        }

        if (!_inRoom(Offer))
        {
            // The participant left: nothing to offer.
            lock (_gate)
            {
                if (_state == SubscriberNegotiationState.CreatingOffer)
                {
                    _state = SubscriberNegotiationState.Stable;
                    _pending = false;
                }
            }
        }
    }

    /// <summary>Builds and queues the offer, under the room's lock when there is one (the media plane builds offers synchronously).</summary>
    private void Offer()
    {
        string? sdp;
        try
        {
            var creating = _media.CreateSubscriberOfferAsync(_closed.Token);
            sdp = creating.IsCompletedSuccessfully ? creating.Result : creating.AsTask().GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (_closed.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e)
        {
            LogOfferFailed(_logger, e);
            sdp = null;
        }

        Send(sdp);
    }

    private void Send(string? sdp)
    {
        lock (_gate)
        {
            if (_state != SubscriberNegotiationState.CreatingOffer)
            {
                return;
            }

            if (sdp is null)
            {
                _state = SubscriberNegotiationState.Stable;
                _pending = false;
                return;
            }

            _lastOfferId++;
            _state = SubscriberNegotiationState.AwaitingAnswer;
            _answered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _signal.Send(SignalFrame.From(new SignalResponse
            {
                Offer = new SessionDescription { Type = "offer", Sdp = sdp, Id = _lastOfferId },
            }));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignoring a subscriber answer with id {AnswerId}; the latest offer is {OfferId}")]
    private static partial void LogStaleAnswer(ILogger logger, uint answerId, uint offerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The media session could not create a subscriber offer")]
    private static partial void LogOfferFailed(ILogger logger, Exception exception);
}
