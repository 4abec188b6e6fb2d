using Microsoft.Extensions.Options;

namespace WarmTransfer.ControlApi.Storage;

/// <summary>Start-up checks of <see cref="StoreOptions"/>.</summary>
internal sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("Store:Path is empty: give the SQLite database file, e.g. data/control-api.db.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Store:Path '{options.Path}' contains characters that are not allowed in a path.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(10) || options.BusyTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add("Store:BusyTimeout must be between 00:00:00.010 and 00:05:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
