namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>A room as the LiveKit server reports it.</summary>
internal sealed record LiveKitRoom(string Name, string Sid, int NumParticipants, DateTimeOffset CreatedAt, string Metadata);
