using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>
/// Authentication (console sessions, API keys, the worker key) and the authorization policies. Callers have no
/// credentials here at all, so no caller can reach an agent or worker endpoint.
/// </summary>
internal static class AuthExtensions
{
    /// <summary>The only path where a session token may come in the query string (EventSource cannot send headers).</summary>
    public const string QueryTokenPath = "/api/events";

    public static WebApplicationBuilder AddControlApiAuth(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptionsWithValidateOnStart<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddOptions<WorkerOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<WorkerOptions>, WorkerOptionsSetup>();
        services.AddSingleton<IValidateOptions<WorkerOptions>, WorkerOptionsValidator>();
        services.AddSingleton<AgentDirectory>();
        services.AddSingleton<SessionTokens>();

        services.AddAuthentication(AuthSchemes.Agent)
            .AddPolicyScheme(AuthSchemes.Agent, "Agent session or API key", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(AuthSchemes.ApiKeyHeader) ? AuthSchemes.ApiKey : AuthSchemes.Session)
            .AddBearerToken(AuthSchemes.Session, o => o.Events = new BearerTokenEvents
            {
                OnMessageReceived = context =>
                {
                    if (context.Request.Path.StartsWithSegments(QueryTokenPath) && context.Request.Query["access_token"] is { Count: 1 } token)
                    {
                        context.Token = token;
                    }

                    return Task.CompletedTask;
                },
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(AuthSchemes.ApiKey, null)
            .AddScheme<AuthenticationSchemeOptions, WorkerAuthenticationHandler>(AuthSchemes.Worker, null);
        services.AddOptions<BearerTokenOptions>(AuthSchemes.Session).Configure<IOptions<AuthOptions>>((bearer, auth) =>
        {
            bearer.BearerTokenExpiration = auth.Value.SessionLifetime;
            bearer.RefreshTokenExpiration = auth.Value.RefreshLifetime;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Agent, p => p.AddAuthenticationSchemes(AuthSchemes.Agent).RequireAuthenticatedUser().RequireRole(Roles.Agent, Roles.Admin))
            .AddPolicy(Policies.Admin, p => p.AddAuthenticationSchemes(AuthSchemes.Agent).RequireAuthenticatedUser().RequireRole(Roles.Admin))
            .AddPolicy(Policies.Worker, p => p.AddAuthenticationSchemes(AuthSchemes.Worker).RequireAuthenticatedUser().RequireRole(Roles.Worker))
            .AddPolicy(Policies.BotTokens, p => p.AddAuthenticationSchemes(AuthSchemes.Agent, AuthSchemes.Worker).RequireAuthenticatedUser().RequireRole(Roles.Admin, Roles.Worker));
        return builder;
    }
}
