using Microsoft.AspNetCore.Http.HttpResults;

namespace WarmTransfer.ControlApi.Hosting;

/// <summary>The problem-details responses the API returns, each with a specific title and a detail saying what to do.</summary>
internal static class ApiProblems
{
    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "Not allowed");

    public static ProblemHttpResult Conflict(string detail, string? transferId = null) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status409Conflict,
            title: "Conflict",
            extensions: transferId is null ? null : new Dictionary<string, object?> { ["transferId"] = transferId });

    public static ProblemHttpResult Unauthorized(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status401Unauthorized, title: "Not authenticated");

    public static ProblemHttpResult BadGateway(string detail, string? transferId = null) =>
        TypedResults.Problem(
            detail,
            statusCode: StatusCodes.Status502BadGateway,
            title: "LiveKit request failed",
            extensions: transferId is null ? null : new Dictionary<string, object?> { ["transferId"] = transferId });

    public static ProblemHttpResult Unprocessable(string detail) =>
        TypedResults.Problem(detail, statusCode: StatusCodes.Status422UnprocessableEntity, title: "Request cannot be applied");

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid");

    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });
}
