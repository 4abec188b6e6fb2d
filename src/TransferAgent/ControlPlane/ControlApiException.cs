using System.Net;

namespace WarmTransfer.TransferAgent.ControlPlane;

/// <summary>
/// A control API request failed: the API answered with an error (its RFC 9457 problem details are carried:
/// <see cref="Title"/>, <see cref="Detail"/>, validation <see cref="Errors"/>, <see cref="TraceId"/>), or it could not
/// be reached (<see cref="StatusCode"/> null) after the retries. <see cref="IsTransient"/> says whether trying again
/// later may help.
/// </summary>
public sealed class ControlApiException : Exception
{
    public ControlApiException()
        : this("The control API request failed.")
    {
    }

    public ControlApiException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ControlApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public ControlApiException(
        string operation,
        HttpStatusCode? statusCode,
        string? title,
        string? detail,
        IReadOnlyDictionary<string, string[]>? errors = null,
        string? traceId = null,
        Exception? innerException = null)
        : base(Describe(operation, statusCode, title, detail, errors), innerException)
    {
        Operation = operation;
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors ?? new Dictionary<string, string[]>();
        TraceId = traceId;
    }

    /// <summary>What was attempted, e.g. <c>GET transfer context</c>.</summary>
    public string? Operation { get; }

    /// <summary>The HTTP status, or null when no answer came (connection failure, time-out).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string? Title { get; }

    public string? Detail { get; }

    /// <summary>Validation errors by field (from a validation problem), empty otherwise.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    public string? TraceId { get; }

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;

    /// <summary>No answer, a time-out, throttling or a server error: the same request may succeed later.</summary>
    public bool IsTransient => StatusCode is null || IsTransientStatus(StatusCode.Value);

    internal static bool IsTransientStatus(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static string Describe(string operation, HttpStatusCode? status, string? title, string? detail, IReadOnlyDictionary<string, string[]>? errors)
    {
        string answer = status is { } s ? $"{(int)s} {title ?? s.ToString()}" : "no answer";
        string text = $"Control API: {operation} failed ({answer})";
        if (!string.IsNullOrWhiteSpace(detail))
        {
            text += ": " + detail;
        }

        if (errors is { Count: > 0 })
        {
            text += " [" + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")) + "]";
        }

        return text;
    }
}
