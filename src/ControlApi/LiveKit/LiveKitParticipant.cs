namespace WarmTransfer.ControlApi.LiveKit;

/// <summary>A participant as the LiveKit server reports it. <see cref="IsAgent"/> is LiveKit's participant kind AGENT (our bot).</summary>
internal sealed record LiveKitParticipant(string Identity, string Sid, string Name, bool IsAgent, DateTimeOffset JoinedAt);
