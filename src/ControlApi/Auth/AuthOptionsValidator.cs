using System.Globalization;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Validation;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Start-up checks of the configured logins and API keys; each failure names the setting (<c>Auth:Agents:N:…</c>).</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.SessionLifetime < TimeSpan.FromMinutes(1) || options.SessionLifetime > TimeSpan.FromDays(1))
        {
            failures.Add("Auth:SessionLifetime must be between 00:01:00 and 1.00:00:00.");
        }

        if (options.RefreshLifetime < options.SessionLifetime || options.RefreshLifetime > TimeSpan.FromDays(30))
        {
            failures.Add("Auth:RefreshLifetime must be at least Auth:SessionLifetime and at most 30 days.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Agents.Count; i++)
        {
            var agent = options.Agents[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Auth:Agents:{i}");
            CheckPerson(prefix, agent.Identity, agent.Role, seen, failures);
            if (!PasswordHash.IsWellFormed(agent.PasswordHash, out var error))
            {
                failures.Add($"{prefix}:PasswordHash {error}.");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            var prefix = string.Create(CultureInfo.InvariantCulture, $"Auth:ApiKeys:{i}");
            CheckPerson(prefix, key.Identity, key.Role, seen, failures);
            if (key.KeySha256 is not { Length: 64 } || !key.KeySha256.All(Uri.IsHexDigit))
            {
                failures.Add($"{prefix}:KeySha256 must be the SHA-256 of the API key as 64 hex characters (e.g. printf %s \"$KEY\" | sha256sum).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPerson(string prefix, string identity, string role, HashSet<string> seen, List<string> failures)
    {
        if (!Names.IsValidIdentity(identity))
        {
            failures.Add($"{prefix}:Identity '{identity}' is not valid: {Names.IdentityRule}.");
        }
        else if (!seen.Add(identity))
        {
            failures.Add($"{prefix}:Identity '{identity}' is configured twice.");
        }

        if (!Roles.IsKnownPersonRole(role))
        {
            failures.Add($"{prefix}:Role '{role}' is not a role: use '{Roles.Agent}' or '{Roles.Admin}'.");
        }
    }
}
