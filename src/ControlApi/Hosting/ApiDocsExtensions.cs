using Microsoft.OpenApi;
using Scalar.AspNetCore;
using WarmTransfer.ControlApi.Idempotency;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) and its browsable reference page (<c>/docs</c>).</summary>
internal static class ApiDocsExtensions
{
    public const string DocumentRoute = "/openapi/{documentName}.json";

    public static WebApplicationBuilder AddApiDocs(this WebApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(o => o.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IdempotentCommandMetadata>().Any())
            {
                operation.Parameters ??= [];
                operation.Parameters.Add(new OpenApiParameter
                {
                    Name = IdempotencyFilter.Header,
                    In = ParameterLocation.Header,
                    Required = false,
                    Description = "Makes the command safe to retry: the first answer for a key is stored and replayed (with Idempotent-Replayed: true) to retries with the same key and request.",
                    Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = IdempotencyFilter.MaxKeyLength },
                });
            }

            return Task.CompletedTask;
        }).AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "WarmTransfer control API";
            document.Info.Description =
                "Tokens by role, rooms, the warm-transfer lifecycle and history, agents' live events, the worker's interface, " +
                "and the seed-compatible API. Agents authenticate with a session token (POST /api/auth/login) or X-Api-Key; " +
                "the worker with Authorization: Bearer WORKER_API_KEY. Transfer commands accept an Idempotency-Key header.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous();
        app.MapScalarApiReference("/docs", o => o.WithTitle("WarmTransfer control API").WithOpenApiRoutePattern(DocumentRoute)).AllowAnonymous();
        return app;
    }
}
