namespace LiveKit.Api;

/// <summary>
/// Twirp's error codes (the <c>code</c> of a Twirp error body) and the HTTP status each maps to, as
/// LiveKit's servers and SDKs use them. Shared by our clients and the dev server's handlers.
/// </summary>
public static class TwirpErrorCode
{
    /// <summary>The operation was cancelled (HTTP 408).</summary>
    public const string Canceled = "canceled";

    /// <summary>Unknown error (HTTP 500).</summary>
    public const string Unknown = "unknown";

    /// <summary>The client sent an invalid argument (HTTP 400).</summary>
    public const string InvalidArgument = "invalid_argument";

    /// <summary>The request body could not be decoded (HTTP 400).</summary>
    public const string Malformed = "malformed";

    /// <summary>The operation timed out (HTTP 408).</summary>
    public const string DeadlineExceeded = "deadline_exceeded";

    /// <summary>The entity was not found (HTTP 404).</summary>
    public const string NotFound = "not_found";

    /// <summary>No such method, or wrong HTTP method or content type (HTTP 404).</summary>
    public const string BadRoute = "bad_route";

    /// <summary>The entity already exists (HTTP 409).</summary>
    public const string AlreadyExists = "already_exists";

    /// <summary>The caller may not do this (HTTP 403).</summary>
    public const string PermissionDenied = "permission_denied";

    /// <summary>Missing or invalid credentials; LiveKit also answers missing grants with this (HTTP 401).</summary>
    public const string Unauthenticated = "unauthenticated";

    /// <summary>A quota or limit is exhausted (HTTP 429).</summary>
    public const string ResourceExhausted = "resource_exhausted";

    /// <summary>The system is not in a state that allows the operation (HTTP 412).</summary>
    public const string FailedPrecondition = "failed_precondition";

    /// <summary>The operation was aborted, e.g. by a concurrency conflict (HTTP 409).</summary>
    public const string Aborted = "aborted";

    /// <summary>An argument is outside the valid range (HTTP 400).</summary>
    public const string OutOfRange = "out_of_range";

    /// <summary>The server does not implement the operation (HTTP 501).</summary>
    public const string Unimplemented = "unimplemented";

    /// <summary>Internal server error (HTTP 500).</summary>
    public const string Internal = "internal";

    /// <summary>The service is unavailable; retrying may help (HTTP 503).</summary>
    public const string Unavailable = "unavailable";

    /// <summary>Unrecoverable data loss (HTTP 500).</summary>
    public const string DataLoss = "dataloss";

    /// <summary>The HTTP status a server sends with <paramref name="code"/>; 500 for codes Twirp does not define.</summary>
    public static int GetHttpStatus(string code) => code switch
    {
        InvalidArgument or Malformed or OutOfRange => 400,
        Unauthenticated => 401,
        PermissionDenied => 403,
        NotFound or BadRoute => 404,
        Canceled or DeadlineExceeded => 408,
        AlreadyExists or Aborted => 409,
        FailedPrecondition => 412,
        ResourceExhausted => 429,
        Unimplemented => 501,
        Unavailable => 503,
        _ => 500,
    };

    /// <summary>Whether <paramref name="code"/> is one of Twirp's codes.</summary>
    public static bool IsDefined(string? code) => code switch
    {
        Canceled or Unknown or InvalidArgument or Malformed or DeadlineExceeded or NotFound or BadRoute or AlreadyExists
            or PermissionDenied or Unauthenticated or ResourceExhausted or FailedPrecondition or Aborted or OutOfRange
            or Unimplemented or Internal or Unavailable or DataLoss => true,
        _ => false,
    };

    /// <summary>
    /// The code a client assumes for an error response that is not a Twirp error body (e.g. from a proxy),
    /// per the Twirp specification's "HTTP status to error code" table.
    /// </summary>
    public static string FromHttpStatus(int status) => status switch
    {
        >= 300 and < 400 => Internal,
        400 => Internal,
        401 => Unauthenticated,
        403 => PermissionDenied,
        404 => BadRoute,
        429 or 502 or 503 or 504 => Unavailable,
        _ => Unknown,
    };
}
