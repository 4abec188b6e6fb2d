using Microsoft.AspNetCore.Http.HttpResults;

namespace WarmTransfer.ControlApi.Transfers;

/// <summary>Maps a failed <see cref="TransferResult"/> onto its problem-details response.</summary>
internal static class TransferResultExtensions
{
    public static ProblemHttpResult ToProblem(this TransferResult result)
    {
        var extensions = new Dictionary<string, object?>();
        if (result.Transfer is { } transfer)
        {
            extensions["transferId"] = transfer.Id;
            extensions["state"] = transfer.State.ToString();
        }

        var (status, title) = result.Error switch
        {
            TransferError.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            TransferError.Forbidden => (StatusCodes.Status403Forbidden, "Not allowed"),
            TransferError.Conflict => (StatusCodes.Status409Conflict, "Transfer state conflict"),
            TransferError.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "Request cannot be applied"),
            TransferError.LiveKitFailed => (StatusCodes.Status502BadGateway, "LiveKit request failed"),
            _ => throw new InvalidOperationException("a successful result has no problem"),
        };
        return TypedResults.Problem(result.Message, statusCode: status, title: title, extensions: extensions);
    }
}
