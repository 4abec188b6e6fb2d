using LiveKit.Api;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// The outcome of checking a connect request (token and room), shared by <c>/rtc</c> and
/// <c>/rtc/validate</c>: either the verified claims and room, or an HTTP status and a message for the client.
/// </summary>
internal sealed record Admission
{
    public ClaimGrants? Claims { get; init; }

    public string RoomName { get; init; } = string.Empty;

    public int StatusCode { get; init; } = 200;

    public string Error { get; init; } = string.Empty;

    public bool Admitted => Claims is not null;

    public static Admission Refuse(int statusCode, string error) => new() { StatusCode = statusCode, Error = error };
}
