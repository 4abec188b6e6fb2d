namespace WarmTransfer.ControlApi.Hosting;

/// <summary>HTTP limits (section <c>Api</c>).</summary>
internal sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Largest request body accepted by the API; larger ones get 413.</summary>
    [SettingRange("Api:MaxRequestBodyBytes", 1024, 16 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Largest body accepted from the worker (transcript batches, summaries).</summary>
    [SettingRange("Api:MaxWorkerRequestBodyBytes", 1024, 64 * 1024 * 1024)]
    public long MaxWorkerRequestBodyBytes { get; set; } = 1024 * 1024;
}
