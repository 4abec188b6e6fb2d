using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Authenticates header <c>X-Api-Key</c> against the configured API keys (compared by SHA-256).</summary>
internal sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AgentDirectory directory)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(AuthSchemes.ApiKeyHeader, out var values) || values.Count == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (values.Count != 1 || string.IsNullOrEmpty(values[0]) || values[0]!.Length > 512)
        {
            return Task.FromResult(AuthenticateResult.Fail("X-Api-Key must be given once, with a key of at most 512 characters."));
        }

        var account = directory.FindByApiKey(values[0]!);
        return Task.FromResult(account is null
            ? AuthenticateResult.Fail("The API key is not valid.")
            : AuthenticateResult.Success(new AuthenticationTicket(account.ToPrincipal(Scheme.Name), Scheme.Name)));
    }
}
