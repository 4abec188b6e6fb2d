using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using WarmTransfer.ControlApi.LiveKit;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>
/// Turns request-level failures into specific problem details instead of a bare status: malformed JSON (400, with
/// where it broke), a body that is too large (413), an unsupported content type (415), and LiveKit being
/// unreachable in an endpoint that did not handle it (502). Anything else is left to the default handler (500).
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems, ILogger<BadRequestExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var (status, title, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, "Request body too large", "The request body is larger than this endpoint accepts."),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } e =>
                (StatusCodes.Status415UnsupportedMediaType, "Unsupported content type", e.Message + " Send the body as application/json."),
            BadHttpRequestException e => (e.StatusCode, "Malformed request", Describe(e)),
            LiveKitUnavailableException e => (StatusCodes.Status502BadGateway, "LiveKit request failed", e.Message),
            _ => (0, string.Empty, string.Empty),
        };
        if (status == 0)
        {
            return false;
        }

        LogRejected(logger, httpContext.Request.Method, httpContext.Request.Path, status);
        httpContext.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).ConfigureAwait(false);
    }

    /// <summary>The framework's message plus, for JSON errors, the parser's position ("Path: $.toAgent | LineNumber: 0 …").</summary>
    private static string Describe(BadHttpRequestException e) =>
        e.InnerException is JsonException json ? $"{e.Message} {json.Message}" : e.Message;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected {Method} {Path} with {Status}")]
    private static partial void LogRejected(ILogger logger, string method, PathString path, int status);
}
