using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// JSON, problem details and request limits shared by every endpoint, and the default listening address.
/// </summary>
internal static class HttpDefaultsExtensions
{
    /// <summary>The address used when none is configured (<c>ASPNETCORE_URLS</c>, <c>--urls</c>, <c>Kestrel:Endpoints</c>).</summary>
    public const string DefaultAddress = "http://127.0.0.1:8080";

    public static WebApplicationBuilder AddHttpDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && !builder.Configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            builder.WebHost.UseUrls(DefaultAddress);
        }

        builder.Services.AddOptionsWithValidateOnStart<ApiOptions>().BindConfiguration(ApiOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<ApiOptions>>((kestrel, api) => kestrel.Limits.MaxRequestBodySize = api.Value.MaxRequestBodyBytes);

        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));

        // Bad bodies throw, so BadRequestExceptionHandler can say exactly what was wrong (not just "400").
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ExplainBareStatus);
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        return builder;
    }

    /// <summary>
    /// Statuses the framework sets without an exception (the body reader's 413 and 415) get a specific title and
    /// detail; every problem carries the trace id.
    /// </summary>
    private static void ExplainBareStatus(Microsoft.AspNetCore.Http.ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        problem.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        if (problem.Detail is not null)
        {
            return;
        }

        (problem.Title, problem.Detail) = problem.Status switch
        {
            StatusCodes.Status413PayloadTooLarge => ("Request body too large", "The request body is larger than this endpoint accepts."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported content type", "Send the request body as application/json."),
            StatusCodes.Status401Unauthorized => ("Not authenticated", "Log in (POST /api/auth/login) and send the session token as 'Authorization: Bearer', or send X-Api-Key."),
            StatusCodes.Status403Forbidden => ("Not allowed", "Your role does not allow this request."),
            StatusCodes.Status404NotFound => ("Not found", $"There is no resource at {context.HttpContext.Request.Path}."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{context.HttpContext.Request.Method} is not supported on {context.HttpContext.Request.Path}."),
            _ => (problem.Title, problem.Detail),
        };
    }

    public static WebApplication UseHttpDefaults(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRequestBodyLimits();
        return app;
    }
}
