namespace WarmTransfer.EndToEnd.Flows;

/// <summary>One recorded state change: the state entered, who caused it (an identity or <c>system</c>), and why.</summary>
public sealed record RecordedTransition(string State, string Actor, string? Reason);
