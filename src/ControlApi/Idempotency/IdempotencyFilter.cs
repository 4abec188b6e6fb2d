using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using WarmTransfer.ControlApi.Hosting;

namespace WarmTransfer.ControlApi.Idempotency;

/// <summary>
/// Makes a command endpoint idempotent when the client sends <c>Idempotency-Key</c> (draft-ietf-httpapi-idempotency-key-header):
/// the first request with a key runs and its response is stored; a retry with the same key and the same request
/// gets that response back (<c>Idempotent-Replayed: true</c>) without running again; the same key with a different
/// request is refused (422), and a retry while the first is still running gets 409. Keys are scoped per caller
/// identity and operation. Without the header the endpoint runs as usual.
/// </summary>
internal sealed class IdempotencyFilter(IIdempotencyStore store, IOptions<JsonOptions> json, TimeProvider time)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    /// <summary>A reservation this old without a response is taken over: the process that made it died mid-command.</summary>
    private static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, string operation, int[] hashedArguments, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var values = http.Request.Headers[Header];
        if (values.Count == 0)
        {
            return await next(context).ConfigureAwait(false);
        }

        var key = values.Count == 1 ? values[0] : null;
        if (string.IsNullOrEmpty(key) || key.Length > MaxKeyLength || !key.All(c => c is >= '!' and <= '~'))
        {
            return ApiProblems.Invalid(Header, $"'{Header}' must be given once: 1-{MaxKeyLength} visible ASCII characters (a UUID is a good choice).");
        }

        var scope = $"{operation}:{http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "anonymous"}";
        var hash = HashRequest(operation, context, hashedArguments);
        var cancellationToken = http.RequestAborted;
        var reservation = await store.ReserveAsync(scope, key, hash, time.GetUtcNow(), StaleAfter, cancellationToken).ConfigureAwait(false);
        switch (reservation.Status)
        {
            case ReservationStatus.Replay:
                return new StoredResponseResult(reservation.Response!);
            case ReservationStatus.InProgress:
                http.Response.Headers.RetryAfter = "1";
                return ApiProblems.Conflict($"A request with this {Header} is still being processed; retry in a moment to get its result.");
            case ReservationStatus.Mismatch:
                return ApiProblems.Unprocessable($"This {Header} was already used with a different request; use a new key for a new request.");
            default:
                break;
        }

        object? result;
        try
        {
            result = await next(context).ConfigureAwait(false);
        }
        catch
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        if (result is not IResult executable)
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None).ConfigureAwait(false);
            return result;
        }

        // Run the result here, into a buffer, so exactly what the client receives is what a retry will receive.
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await executable.ExecuteAsync(http).ConfigureAwait(false);
        }
        finally
        {
            http.Response.Body = original;
        }

        var status = http.Response.StatusCode;
        // 5xx other than 502 means "we do not know what happened": let the client retry with the same key.
        // 502 is stored: the transfer was recorded as Failed and a retry must not start another.
        if (status < 500 || status == StatusCodes.Status502BadGateway)
        {
            var body = buffer.Length == 0 ? null : Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
            var location = http.Response.Headers.Location.ToString();
            await store.CompleteAsync(
                scope,
                key,
                new StoredResponse(status, http.Response.ContentType, body, location.Length == 0 ? null : location),
                time.GetUtcNow(),
                CancellationToken.None).ConfigureAwait(false);
        }
        else
        {
            await store.ReleaseAsync(scope, key, CancellationToken.None).ConfigureAwait(false);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(original, cancellationToken).ConfigureAwait(false);
        return Results.Empty;
    }

    private string HashRequest(string operation, EndpointFilterInvocationContext context, int[] hashedArguments)
    {
        var parts = hashedArguments.Select(i => context.Arguments[i]).ToArray();
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new { operation, parts }, json.Value.SerializerOptions);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
