namespace LiveKit.Rtc;

/// <summary>How a <see cref="Room"/> connects. Defaults match LiveKit's SDKs.</summary>
public sealed record RoomOptions
{
    /// <summary>Subscribe to every published track automatically (default true).</summary>
    public bool AutoSubscribe { get; init; } = true;

    /// <summary>Let the server adapt video layers to what is rendered (video only).</summary>
    public bool AdaptiveStream { get; init; }

    /// <summary>Pause publishing layers nobody subscribes to.</summary>
    public bool Dynacast { get; init; }

    /// <summary>Attempts to join after a failed first one (null: the core's default).</summary>
    public int? JoinRetries { get; init; }

    /// <summary>Timeout of each signal connection attempt (null: the core's default of 5 s).</summary>
    public TimeSpan? ConnectTimeout { get; init; }

    /// <summary>One peer connection for publishing and subscribing (signals over /rtc/v1, falling back to /rtc on 404).</summary>
    public bool SinglePeerConnection { get; init; }

    /// <summary>ICE servers to use instead of those the server suggests (null: the server's).</summary>
    public IReadOnlyList<IceServer>? IceServers { get; init; }

    /// <summary>
    /// Events buffered for <see cref="Room.ReadEventsAsync"/> (default 1024). When nobody reads, the oldest are
    /// dropped; .NET events are raised regardless.
    /// </summary>
    public int EventQueueCapacity { get; init; } = 1024;

    internal void Validate()
    {
        if (JoinRetries is < 0 or > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(JoinRetries), JoinRetries, "RoomOptions.JoinRetries must be between 0 and 100.");
        }
        if (ConnectTimeout is { } t && (t < TimeSpan.FromMilliseconds(100) || t > TimeSpan.FromMinutes(10)))
        {
            throw new ArgumentOutOfRangeException(nameof(ConnectTimeout), t, "RoomOptions.ConnectTimeout must be between 100 ms and 10 minutes.");
        }
        if (EventQueueCapacity is < 1 or > 1_000_000)
        {
            throw new ArgumentOutOfRangeException(nameof(EventQueueCapacity), EventQueueCapacity, "RoomOptions.EventQueueCapacity must be between 1 and 1000000.");
        }
        foreach (var server in IceServers ?? [])
        {
            if (server.Urls is not { Count: > 0 })
            {
                throw new ArgumentException("Every RoomOptions.IceServers entry needs at least one URL.", nameof(IceServers));
            }
        }
    }
}
