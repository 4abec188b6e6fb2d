namespace WarmTransfer.ControlApi.Calls;

/// <summary>
/// Payload of the <c>call.incoming</c> and <c>call.answered</c> events. <see cref="CallerName"/> is the name the caller
/// gave (null when none); <see cref="Agent"/> is who answered (null on <c>call.incoming</c>).
/// </summary>
internal sealed record CallEvent(string Room, string? CallerName, string? Agent, DateTimeOffset At);
