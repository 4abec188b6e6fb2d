using System.Diagnostics;
using System.Globalization;

namespace WarmTransfer.Benchmarks.Harness;

/// <summary>What the step-wise suites share: the sizes they grow through, and memory read after a full collection.</summary>
public static class BenchmarkSteps
{
    /// <summary>The ascending step sizes: <paramref name="variable"/> ("10,50,100") when set, else <paramref name="defaults"/>.</summary>
    public static int[] Counts(string variable, string defaults) =>
        (Environment.GetEnvironmentVariable(variable) ?? defaults)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.Parse(c, CultureInfo.InvariantCulture))
            .Order()
            .ToArray();

    /// <summary>The process's working set after a full collection, so garbage awaiting collection is not counted.</summary>
    public static long SettledWorkingSet(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        process.Refresh();
        return process.WorkingSet64;
    }
}
