using System.Runtime.CompilerServices;
using LiveKit.Rtc.Internal;

namespace LiveKit.Rtc;

public sealed partial class Room
{
    /// <summary>Every room event, in order (raised on the room's event loop, before the typed events).</summary>
    public event EventHandler<RoomEvent>? EventReceived;

    public event EventHandler<ParticipantConnectedEvent>? ParticipantConnected;

    public event EventHandler<ParticipantDisconnectedEvent>? ParticipantDisconnected;

    public event EventHandler<TrackPublishedEvent>? TrackPublished;

    public event EventHandler<TrackUnpublishedEvent>? TrackUnpublished;

    public event EventHandler<TrackSubscribedEvent>? TrackSubscribed;

    public event EventHandler<TrackUnsubscribedEvent>? TrackUnsubscribed;

    public event EventHandler<DataReceivedEvent>? DataReceived;

    public event EventHandler<TextStreamReceivedEvent>? TextStreamReceived;

    public event EventHandler<ParticipantAttributesChangedEvent>? ParticipantAttributesChanged;

    public event EventHandler<ParticipantMetadataChangedEvent>? ParticipantMetadataChanged;

    public event EventHandler<ConnectionStateChangedEvent>? ConnectionStateChanged;

    public event EventHandler<DisconnectedEvent>? Disconnected;

    /// <summary>Room events dropped from <see cref="ReadEventsAsync"/>'s buffer because nobody read them in time.</summary>
    public long DroppedEvents => Interlocked.Read(ref _droppedEvents);

    /// <summary>
    /// The room's events in order, from the connection on (buffered up to <see cref="RoomOptions.EventQueueCapacity"/>).
    /// Ends when the room is disconnected and released. One reader at a time.
    /// </summary>
    public async IAsyncEnumerable<RoomEvent> ReadEventsAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = _events.Reader;
        while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            while (reader.TryRead(out var e))
            {
                yield return e;
            }
        }
    }

    private void Raise<T>(EventHandler<T>? typed, T e)
        where T : RoomEvent
    {
        _events.Writer.TryWrite(e);
        Invoke(EventReceived, e);
        Invoke(typed, e);
    }

    private void Invoke<T>(EventHandler<T>? handler, T e)
        where T : RoomEvent
    {
        if (handler is null)
        {
            return;
        }
        foreach (var single in handler.GetInvocationList())
        {
            try
            {
                ((EventHandler<T>)single)(this, e);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A failing handler must not stop the room's event loop or other handlers.
                Log.RoomEventHandlerFailed(s_logger, typeof(T).Name, Name, ex);
            }
        }
    }
}
