using Facade.Load.Cold;
using Facade.Load.Composition;
using Facade.Load.Ipfs;
using Facade.Load.Report;
using Facade.Load.Soak;
using Facade.Load.Tls;
using Facade.TestSupport;

namespace Facade.Load;

/// <summary>
/// Runs the parts the options name, one after the other (never at once: they would share the two
/// cores), writing and printing each part's results as soon as it is done.
/// </summary>
internal static class BenchSuite
{
    public static async Task RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        if (options.Parts.HasFlag(BenchParts.Load))
            Print(await ReportWriter.WriteAsync(await LoadRun.RunAsync(options, log, ct), options.ResultsDirectory));
        if (options.Parts.HasFlag(BenchParts.Ipfs))
        {
            // In the full run a machine without node/npm or redis skips this part with its reason.
            var missing = options.Parts == BenchParts.All ? RequiredTool.SkipReason(["node", "npm", RedisServer.Program]) : null;
            if (missing is not null) log("ipfs: skipped, " + missing);
            else Print(await IpfsReportWriter.WriteAsync(await IpfsRun.RunAsync(options, options.RepoRoot, log, ct), options.ResultsDirectory));
        }
        if (options.Parts.HasFlag(BenchParts.Cold))
            Print(await ColdReportWriter.WriteAsync(await ColdRun.RunAsync(options, log, ct), options.ResultsDirectory));
        if (options.Parts.HasFlag(BenchParts.Tls))
            Print(await TlsReportWriter.WriteAsync(await TlsRun.RunAsync(options, log, ct), options.ResultsDirectory));
        if (options.Parts.HasFlag(BenchParts.Compose))
            Print(await ComposeReportWriter.WriteAsync(await ComposeRun.RunAsync(options, log, ct), options.ResultsDirectory));
        if (options.Parts.HasFlag(BenchParts.Soak))
            Print(await SoakReportWriter.WriteAsync(await SoakRun.RunAsync(options, log, ct), options.ResultsDirectory));
    }

    private static void Print(string markdown)
    {
        Console.WriteLine();
        Console.WriteLine(markdown);
    }
}
