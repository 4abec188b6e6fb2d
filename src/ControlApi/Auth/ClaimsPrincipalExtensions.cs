using System.Security.Claims;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Reads the control API's claims: the participant identity (<see cref="ClaimTypes.NameIdentifier"/>) and the role.</summary>
internal static class ClaimsPrincipalExtensions
{
    public static string Identity(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("the principal has no identity claim; the endpoint must require authentication");

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static ClaimsPrincipal ToPrincipal(this AgentAccount account, string scheme) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Identity),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, account.Role),
            ],
            scheme,
            ClaimTypes.Name,
            ClaimTypes.Role));
}
