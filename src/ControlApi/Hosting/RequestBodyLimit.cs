using Microsoft.AspNetCore.Http.Features;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// Per-endpoint request body limits for minimal APIs: an endpoint (or group) marked with
/// <see cref="WithRequestBodyLimit"/> gets its own limit; every other request keeps Kestrel's default
/// (<see cref="ApiOptions.MaxRequestBodyBytes"/>). Runs after routing, before the body is read.
/// </summary>
internal static class RequestBodyLimit
{
    public static TBuilder WithRequestBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Limit(bytes));

    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.GetEndpoint()?.Metadata.GetMetadata<Limit>() is { } limit
                && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = limit.Bytes;
            }

            return next(context);
        });

    /// <summary>The endpoint metadata.</summary>
    internal sealed record Limit(long Bytes);
}
