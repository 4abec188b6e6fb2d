namespace WarmTransfer.ControlApi.Tests.TestSupport;

/// <summary>Shared test settings. Timeouts are generous: the machine is a loaded 2-core box.</summary>
public static class TestDefaults
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string WorkerKey = "test-worker-key-0123456789";
}
