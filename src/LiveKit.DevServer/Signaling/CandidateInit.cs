using System.Text.Json;

namespace LiveKit.DevServer.Signaling;

/// <summary>
/// Checks a trickled candidate's JSON (<c>{candidate, sdpMid, sdpMLineIndex[, usernameFragment]}</c>,
/// RTCIceCandidateInit) before it reaches the media plane.
/// </summary>
internal static class CandidateInit
{
    public static bool IsValid(string json, out string error)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("candidate", out var candidate)
                || candidate.ValueKind != JsonValueKind.String)
            {
                error = "trickle candidateInit must be a JSON object with a string 'candidate'";
                return false;
            }

            error = string.Empty;
            return true;
        }
        catch (JsonException e)
        {
            error = "trickle candidateInit is not JSON: " + e.Message;
            return false;
        }
    }
}
