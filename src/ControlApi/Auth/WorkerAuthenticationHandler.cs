using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Authenticates the worker: <c>Authorization: Bearer WORKER_API_KEY</c>, compared in constant time.</summary>
internal sealed class WorkerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptions<WorkerOptions> worker)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(worker.Value.ApiKey ?? string.Empty));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        if (!CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            return Task.FromResult(AuthenticateResult.Fail("The worker key is not valid."));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "worker"), new Claim(ClaimTypes.Role, Roles.Worker)],
            Scheme.Name,
            ClaimTypes.NameIdentifier,
            ClaimTypes.Role));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer realm=\"worker\"";
        return base.HandleChallengeAsync(properties);
    }
}
