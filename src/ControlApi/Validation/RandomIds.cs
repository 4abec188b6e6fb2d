using System.Security.Cryptography;

namespace WarmTransfer.ControlApi.Validation;

/// <summary>Unguessable ids for transfers, generated rooms and caller identities (lowercase hex from a CSPRNG).</summary>
internal static class RandomIds
{
    /// <summary>16 hex characters (64 random bits).</summary>
    public static string Transfer() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string CallRoom() => "call-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string Caller() => "caller-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    public static string HandoffRoom(string transferId) => "handoff-" + transferId;
}
