namespace LiveKit.Rtc.Tests.Infrastructure;

/// <summary>
/// A LiveKit-compatible server the room scenarios run against (the dev server, or a livekit-server binary).
/// Implementations start on 127.0.0.1 with an ephemeral port and mint tokens for it.
/// </summary>
public interface ILiveKitTestServer : IAsyncDisposable
{
    /// <summary>ws://127.0.0.1:port</summary>
    string Url { get; }

    /// <summary>An access token that lets <paramref name="identity"/> join <paramref name="room"/> with the given attributes.</summary>
    string CreateToken(string room, string identity, IReadOnlyDictionary<string, string>? attributes = null);
}
