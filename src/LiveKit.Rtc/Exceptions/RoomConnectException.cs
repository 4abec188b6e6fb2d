using System.Globalization;
using System.Text.RegularExpressions;

namespace LiveKit.Rtc;

/// <summary>
/// Connecting to a room failed. <see cref="Reason"/> is the Rust core's explanation; when the server answered
/// with an HTTP error (e.g. 401 for a bad token), <see cref="StatusCode"/> and <see cref="ServerMessage"/>
/// carry what it said.
/// </summary>
public sealed partial class RoomConnectException : RtcException
{
    public RoomConnectException()
        : this(string.Empty, string.Empty)
    {
    }

    public RoomConnectException(string message)
        : this(string.Empty, message)
    {
    }

    public RoomConnectException(string message, Exception innerException)
        : base(message, innerException)
    {
        Url = string.Empty;
        Reason = message;
    }

    private RoomConnectException(string url, string reason, int? statusCode = null, string? serverMessage = null)
        : base(string.IsNullOrEmpty(url) ? reason : $"Connecting to {url} failed: {reason}")
    {
        Url = url;
        Reason = reason;
        StatusCode = statusCode;
        ServerMessage = serverMessage;
    }

    /// <summary>The server URL (never the token).</summary>
    public string Url { get; }

    /// <summary>The Rust core's error text.</summary>
    public string Reason { get; }

    /// <summary>The HTTP status the server answered with, when the failure came from one (401, 403, 404, 5xx).</summary>
    public int? StatusCode { get; }

    /// <summary>The body the server sent with <see cref="StatusCode"/> (LiveKit servers explain auth failures there).</summary>
    public string? ServerMessage { get; }

    /// <summary>
    /// Warnings and errors the Rust core logged while this connection was attempted (e.g. each failed attempt
    /// before a retry). Lines of other connections made at the same moment may be mixed in.
    /// </summary>
    public IReadOnlyList<string> NativeDiagnostics { get; private init; } = [];

    internal static RoomConnectException FromCoreError(string url, string reason, IReadOnlyList<string>? diagnostics = null)
    {
        // livekit-api signal_client: "client error: 401 Unauthorized - <body>" / "server error: 503 ... - <body>"
        // (from GET /rtc/validate) or "handshake error: 401 Unauthorized" (the WebSocket upgrade's status).
        var match = StatusPattern().Match(reason);
        int? status = null;
        string? body = null;
        if (match.Success)
        {
            status = int.Parse(match.Groups["status"].Value, CultureInfo.InvariantCulture);
            body = match.Groups["body"].Success ? match.Groups["body"].Value.Trim() : null;
        }
        return new RoomConnectException(url, reason, status, string.IsNullOrEmpty(body) ? null : body)
        {
            NativeDiagnostics = diagnostics ?? [],
        };
    }

    [GeneratedRegex(@"(?:client|server|handshake) error: (?<status>\d{3})[^\n]*?(?: - (?<body>.*))?$", RegexOptions.Singleline)]
    private static partial Regex StatusPattern();
}
