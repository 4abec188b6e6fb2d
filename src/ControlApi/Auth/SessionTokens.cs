using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// Issues console sessions: an access token and a refresh token, both data-protected tickets (signed and encrypted by
/// ASP.NET Core Data Protection, whose keys are kept beside the store so sessions survive a restart) with expiries
/// from <see cref="AuthOptions"/> and the host's <see cref="TimeProvider"/>.
/// </summary>
internal sealed class SessionTokens(
    IOptionsMonitor<BearerTokenOptions> bearer,
    IOptions<AuthOptions> auth,
    AgentDirectory directory,
    TimeProvider time)
{
    public SessionResponse Issue(AgentAccount account)
    {
        var options = bearer.Get(AuthSchemes.Session);
        var now = time.GetUtcNow();
        var lifetime = auth.Value.SessionLifetime;
        var principal = account.ToPrincipal(AuthSchemes.Session);
        var access = options.BearerTokenProtector.Protect(Ticket(principal, now, lifetime));
        var refresh = options.RefreshTokenProtector.Protect(Ticket(principal, now, auth.Value.RefreshLifetime));
        return new SessionResponse(access, "Bearer", (long)lifetime.TotalSeconds, now + lifetime, refresh, account.Identity, account.Name, account.Role);
    }

    /// <summary>A new session for a valid, unexpired refresh token of an account that still exists; null otherwise.</summary>
    public SessionResponse? Refresh(string refreshToken)
    {
        var ticket = bearer.Get(AuthSchemes.Session).RefreshTokenProtector.Unprotect(refreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || expires <= time.GetUtcNow())
        {
            return null;
        }

        var identity = ticket.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        return directory.Find(identity) is { } account ? Issue(account) : null;
    }

    private static AuthenticationTicket Ticket(System.Security.Claims.ClaimsPrincipal principal, DateTimeOffset now, TimeSpan lifetime) =>
        new(principal, new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + lifetime }, AuthSchemes.Session);
}
