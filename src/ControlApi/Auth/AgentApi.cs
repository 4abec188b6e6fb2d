using Microsoft.AspNetCore.Http.HttpResults;
using WarmTransfer.ControlApi.Events;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>The directory of agents, for the console's "transfer to" list.</summary>
internal static class AgentApi
{
    public static IEndpointRouteBuilder MapAgentApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/agents", List)
            .WithTags("Agents")
            .RequireAuthorization(Policies.Agent)
            .WithSummary("Known agents and admins, with whether their console is online.");
        return routes;
    }

    private static Ok<AccountResponse[]> List(AgentDirectory directory, AgentEventHub hub) =>
        TypedResults.Ok(directory.All.Select(a => new AccountResponse(a.Identity, a.Name, a.Role, hub.IsOnline(a.Identity))).ToArray());
}
