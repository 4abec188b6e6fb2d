using System.Globalization;

namespace WarmTransfer.Benchmarks.Harness;

/// <summary>Collects a suite's figures and prints them as a table: value, unit, baseline, ratio, target.</summary>
public sealed class BenchmarkReport
{
    private readonly List<Row> _rows = [];

    public IReadOnlyList<Row> Rows => _rows;

    /// <summary>Records a measured figure; <paramref name="baseline"/> is the same quantity for the in-run baseline.</summary>
    public void Add(string metric, double value, string unit, double? baseline = null, string? target = null, bool? met = null)
        => _rows.Add(new Row(metric, value, unit, baseline, target, met));

    public void Print(string suite, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteLine();
        writer.WriteLine($"== {suite}");
        writer.WriteLine($"{"metric",-48} {"value",14} {"unit",-10} {"baseline",14} {"ratio",9}  target");
        foreach (var r in _rows)
        {
            string baseline = r.Baseline is { } b ? Format(b) : "";
            string ratio = r.Baseline is { } b2 && b2 != 0 ? (r.Value / b2).ToString("0.00", CultureInfo.InvariantCulture) + "x" : "";
            string target = r.Target is null ? "" : r.Target + (r.Met is null ? "" : r.Met.Value ? "  (met)" : "  (NOT met)");
            writer.WriteLine($"{r.Metric,-48} {Format(r.Value),14} {r.Unit,-10} {baseline,14} {ratio,9}  {target}");
        }
    }

    private static string Format(double v) => Math.Abs(v) >= 100
        ? v.ToString("N0", CultureInfo.InvariantCulture)
        : v.ToString("0.###", CultureInfo.InvariantCulture);

    public sealed record Row(string Metric, double Value, string Unit, double? Baseline, string? Target, bool? Met);
}
