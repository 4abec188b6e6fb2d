namespace LiveKit.Api;

/// <summary>Values of <c>WebhookEvent.event</c> that LiveKit sends.</summary>
public static class WebhookEventNames
{
    /// <summary>A room was created.</summary>
    public const string RoomStarted = "room_started";

    /// <summary>A room was closed.</summary>
    public const string RoomFinished = "room_finished";

    /// <summary>A participant joined.</summary>
    public const string ParticipantJoined = "participant_joined";

    /// <summary>A participant left.</summary>
    public const string ParticipantLeft = "participant_left";

    /// <summary>A participant's connection failed before it fully joined.</summary>
    public const string ParticipantConnectionAborted = "participant_connection_aborted";

    /// <summary>A track was published.</summary>
    public const string TrackPublished = "track_published";

    /// <summary>A track was unpublished.</summary>
    public const string TrackUnpublished = "track_unpublished";

    /// <summary>An agent job started.</summary>
    public const string AgentJobStarted = "agent_job_started";

    /// <summary>An agent job ended.</summary>
    public const string AgentJobEnded = "agent_job_ended";
}
