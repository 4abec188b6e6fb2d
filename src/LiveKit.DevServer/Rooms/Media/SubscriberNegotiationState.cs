namespace LiveKit.DevServer.Rooms.Media;

/// <summary>Where the subscriber transport's offer/answer exchange stands (server is the offerer).</summary>
internal enum SubscriberNegotiationState
{
    /// <summary>No offer outstanding.</summary>
    Stable,

    /// <summary>The media session is building an offer.</summary>
    CreatingOffer,

    /// <summary>An offer was sent; waiting for the answer with the same id.</summary>
    AwaitingAnswer,

    /// <summary>The participant left; nothing more is negotiated.</summary>
    Closed,
}
