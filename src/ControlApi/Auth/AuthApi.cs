using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Console sessions: log in with an agent login, refresh, and ask who you are.</summary>
internal static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/auth").WithTags("Auth");
        group.MapPost("/login", Login)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Login)
            .WithSummary("Log in with an agent login; returns a short-lived session token for the console.");
        group.MapPost("/refresh", Refresh)
            .AllowAnonymous()
            .RequireRateLimiting(RateLimitPolicies.Login)
            .WithSummary("Exchange a refresh token for a new session.");
        group.MapGet("/me", Me)
            .RequireAuthorization(Policies.Agent)
            .WithSummary("The authenticated agent or admin.");
        return routes;
    }

    private static Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult> Login(LoginRequest request, AgentDirectory directory, SessionTokens sessions)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrEmpty(request.Identity))
        {
            errors["identity"] = ["'identity' is required."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["'password' is required."];
        }
        else if (request.Password.Length > 1024)
        {
            errors["password"] = ["'password' is longer than 1024 characters."];
        }

        if (errors.Count > 0)
        {
            return ApiProblems.Invalid(errors);
        }

        var account = directory.VerifyPassword(request.Identity!, request.Password!);
        return account is null
            ? ApiProblems.Unauthorized("The identity or password is wrong.")
            : TypedResults.Ok(sessions.Issue(account));
    }

    private static Results<Ok<SessionResponse>, ValidationProblem, ProblemHttpResult> Refresh(RefreshRequest request, SessionTokens sessions)
    {
        if (string.IsNullOrEmpty(request.RefreshToken))
        {
            return ApiProblems.Invalid("refreshToken", "'refreshToken' is required.");
        }

        var session = sessions.Refresh(request.RefreshToken);
        return session is null
            ? ApiProblems.Unauthorized("The refresh token is not valid or has expired; log in again.")
            : TypedResults.Ok(session);
    }

    private static Ok<AccountResponse> Me(ClaimsPrincipal user, AgentDirectory directory, Events.AgentEventHub hub)
    {
        var identity = user.Identity();
        var account = directory.Find(identity);
        return TypedResults.Ok(new AccountResponse(identity, account?.Name ?? identity, account?.Role ?? Roles.Agent, hub.IsOnline(identity)));
    }
}
