using System.Security.Cryptography;

namespace LiveKit.DevServer.Rooms;

/// <summary>
/// Server-assigned ids. The prefixes are part of the protocol: the Rust SDK refuses participant and
/// track sids without <c>PA_</c> / <c>TR_</c> (rs:livekit/src/room/id.rs) and waits for a room update
/// when the room sid lacks <c>RM_</c>.
/// </summary>
internal static class Sids
{
    public const string Room = "RM_";
    public const string Participant = "PA_";
    public const string Track = "TR_";
    public const string AgentWorker = "AW_";
    public const string AgentJob = "AJ_";
    public const string AgentDispatch = "AD_";
    public const string WebhookEvent = "EV_";

    // Same length and alphabet class as LiveKit's guid package: 12 URL-safe alphanumerics after the prefix.
    private const int RandomLength = 12;
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string New(string prefix) =>
        string.Create(prefix.Length + RandomLength, prefix, static (span, p) =>
        {
            p.AsSpan().CopyTo(span);
            RandomNumberGenerator.GetItems(Alphabet, span[p.Length..]);
        });
}
