using System.Reflection;
using BenchmarkDotNet.Running;
using WarmTransfer.Benchmarks.Harness;

namespace WarmTransfer.Benchmarks;

// Usage:
//   dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- list
//   dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- <suite> [<suite>...]   (macro suites; "macro" runs all)
//   dotnet run -c Release --project bench/WarmTransfer.Benchmarks -- micro [BenchmarkDotNet args, e.g. --filter *Srtp*]
public static class BenchmarkRunner
{
    public static async Task<int> Main(string[] args)
    {
        var macros = typeof(BenchmarkRunner).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsInterface: false } && typeof(IMacroBenchmark).IsAssignableFrom(t))
            .Select(t => (IMacroBenchmark)Activator.CreateInstance(t)!)
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();

        if (args.Length == 0 || args[0] is "list" or "--help" or "-h")
        {
            Console.WriteLine("Macro suites (figures and ratios to an in-run baseline):");
            foreach (var m in macros) Console.WriteLine($"  {m.Name,-28} {m.Description}");
            Console.WriteLine("  macro                        all of the above");
            Console.WriteLine("Micro benchmarks (BenchmarkDotNet, with [Baseline] ratios): micro [--filter <pattern>]");
            return 0;
        }

        if (args[0] == "micro")
        {
            BenchmarkSwitcher.FromAssembly(typeof(BenchmarkRunner).Assembly).Run(args[1..]);
            return 0;
        }

        var selected = args[0] == "macro" ? macros : macros.Where(m => args.Contains(m.Name, StringComparer.Ordinal)).ToList();
        var unknown = args.Where(a => a != "macro" && macros.All(m => m.Name != a)).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"unknown suite(s): {string.Join(", ", unknown)}; run with 'list' to see them");
            return 2;
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(20));
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        foreach (var suite in selected)
        {
            var report = new BenchmarkReport();
            Console.WriteLine($"running {suite.Name}: {suite.Description}");
            await suite.RunAsync(report, cts.Token).ConfigureAwait(false);
            report.Print(suite.Name, Console.Out);
        }
        return 0;
    }
}
