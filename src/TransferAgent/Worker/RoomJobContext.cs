using System.Text.Json;
using LiveKit.Rtc;

namespace WarmTransfer.TransferAgent.Worker;

/// <summary>What an <see cref="IRoomJob"/> gets: the connected room and the dispatch that sent it there.</summary>
public sealed record RoomJobContext
{
    /// <summary>The room, already connected with the job's token. Owned by the runner: do not dispose it.</summary>
    public required Room Room { get; init; }

    /// <summary>The dispatch metadata, parsed: a JSON object with a string <c>kind</c> (and the kind's own fields).</summary>
    public required JsonElement Metadata { get; init; }

    /// <summary>The server's job id (<c>AJ_…</c>).</summary>
    public required string JobId { get; init; }

    /// <summary>The URL the room was joined at (the assignment's, else <c>LIVEKIT_URL</c>), for extra connections a job makes.</summary>
    public required string ServerUrl { get; init; }

    /// <summary>The room's name.</summary>
    public required string RoomName { get; init; }

    /// <summary>The metadata's <c>kind</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>The identity this worker joined the room with.</summary>
    public required string ParticipantIdentity { get; init; }

    /// <summary>The job's own DI scope (disposed when the job ends).</summary>
    public required IServiceProvider Services { get; init; }
}
