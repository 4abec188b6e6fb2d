using System.Reflection;
using Microsoft.AspNetCore.Mvc;

namespace WarmTransfer.ControlApi.Idempotency;

/// <summary><c>.WithIdempotency("operation")</c> on a command endpoint.</summary>
internal static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// Adds <see cref="IdempotencyFilter"/>. The request identity of a command is its <c>[FromRoute]</c> and
    /// <c>[FromBody]</c> parameters: those are hashed to detect a key reused for a different request.
    /// </summary>
    public static RouteHandlerBuilder WithIdempotency(this RouteHandlerBuilder builder, string operation) =>
        builder.WithMetadata(new IdempotentCommandMetadata(operation)).AddEndpointFilterFactory((factory, next) =>
        {
            var hashed = factory.MethodInfo.GetParameters()
                .Select((parameter, index) => (parameter, index))
                .Where(p => p.parameter.GetCustomAttribute<FromRouteAttribute>() is not null || p.parameter.GetCustomAttribute<FromBodyAttribute>() is not null)
                .Select(p => p.index)
                .ToArray();
            return context => context.HttpContext.RequestServices.GetRequiredService<IdempotencyFilter>().InvokeAsync(context, operation, hashed, next);
        });
}
