using System.ComponentModel.DataAnnotations;

namespace LiveKit.DevServer;

/// <summary>Limits of the development server (configuration section <c>DevServer:Limits</c>).</summary>
public sealed class DevServerLimits
{
    /// <summary>Largest signalling message a client may send (LiveKit: 2 MiB); larger ones are discarded with an error to that client.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxSignalMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest data packet relayed between participants.</summary>
    [Range(256, 16 * 1024 * 1024)]
    public int MaxDataPacketBytes { get; set; } = 64 * 1024;

    /// <summary>Largest Twirp request body.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxApiRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest participant or room metadata (LiveKit: 512 KiB).</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxMetadataBytes { get; set; } = 512 * 1024;

    /// <summary>Largest total size of a participant's attributes (LiveKit: 64 KiB).</summary>
    [Range(0, 16 * 1024 * 1024)]
    public int MaxAttributesBytes { get; set; } = 64 * 1024;

    /// <summary>Participants per room unless a room sets max_participants; 0 means no limit.</summary>
    [Range(0, 100_000)]
    public int MaxParticipantsPerRoom { get; set; }

    /// <summary>Messages queued for one client before it counts as stuck and is disconnected.</summary>
    [Range(16, 1_000_000)]
    public int SendQueueCapacity { get; set; } = 1024;

    /// <summary>Webhook events queued before new ones are dropped (and counted).</summary>
    [Range(1, 1_000_000)]
    public int WebhookQueueCapacity { get; set; } = 1024;

    /// <summary>Delivery attempts per webhook.</summary>
    [Range(1, 20)]
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>Seconds an agent worker has to answer an availability request (LiveKit: 10).</summary>
    [Range(1, 600)]
    public int AgentAvailabilityTimeoutSeconds { get; set; } = 10;
}
