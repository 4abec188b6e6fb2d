namespace LiveKit.Rtc;

/// <summary>A STUN/TURN server (e.g. <c>turn:turn.example.com:3478</c>).</summary>
public sealed record IceServer(IReadOnlyList<string> Urls, string? Username = null, string? Password = null);
