namespace LiveKit.DevServer.Rooms;

/// <summary>Room settings used when a request leaves them at 0 (LiveKit's defaults: 300 s empty, 20 s departure).</summary>
internal sealed record RoomDefaults
{
    public uint EmptyTimeoutSeconds { get; init; } = 300;

    public uint DepartureTimeoutSeconds { get; init; } = 20;

    public uint MaxParticipants { get; init; }

    /// <summary>Fills the zero fields of <paramref name="requested"/> with the defaults.</summary>
    public RoomSettings Resolve(RoomSettings? requested) => (requested ?? new RoomSettings()) with
    {
        EmptyTimeoutSeconds = requested is { EmptyTimeoutSeconds: > 0 } ? requested.EmptyTimeoutSeconds : EmptyTimeoutSeconds,
        DepartureTimeoutSeconds = requested is { DepartureTimeoutSeconds: > 0 } ? requested.DepartureTimeoutSeconds : DepartureTimeoutSeconds,
        MaxParticipants = requested is { MaxParticipants: > 0 } ? requested.MaxParticipants : MaxParticipants,
    };
}
