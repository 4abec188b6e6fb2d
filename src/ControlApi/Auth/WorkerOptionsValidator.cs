using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Auth;

/// <summary>Start-up check: outside Development the worker key must be configured.</summary>
internal sealed class WorkerOptionsValidator : IValidateOptions<WorkerOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            return ValidateOptionsResult.Fail("WORKER_API_KEY is not set: give the key the TransferAgent worker sends as 'Authorization: Bearer <key>' (at least 16 characters).");
        }

        return options.ApiKey.Length < 8
            ? ValidateOptionsResult.Fail("WORKER_API_KEY is too short: use at least 8 characters (16 or more random characters recommended).")
            : ValidateOptionsResult.Success;
    }
}
