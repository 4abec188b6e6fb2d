namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>Replays a stored response byte for byte, marked with <c>Idempotent-Replayed: true</c>.</summary>
internal sealed class StoredResponseResult(StoredResponse response) : IResult
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        httpContext.Response.StatusCode = response.StatusCode;
        httpContext.Response.Headers[ReplayedHeader] = "true";
        if (response.Location is not null)
        {
            httpContext.Response.Headers.Location = response.Location;
        }

        if (response.Body is not null)
        {
            httpContext.Response.ContentType = response.ContentType ?? "application/json";
            await httpContext.Response.WriteAsync(response.Body, httpContext.RequestAborted).ConfigureAwait(false);
        }
    }
}
