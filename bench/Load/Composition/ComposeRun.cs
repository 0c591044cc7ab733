using System.Diagnostics;
using System.Text.Json;
using Facade.Load.Host;
using Facade.Load.Measure;
using Facade.Load.Report;
using Facade.TestSupport;

namespace Facade.Load.Composition;

/// <summary>
/// Composition latency against the real upstream: for <c>remote/&lt;id&gt;</c> (a gRPC spec
/// provider) and <c>fixed/&lt;id&gt;</c> (a spec file), each on its own fresh facade process, the
/// first manifest GET (nothing cached), the first GET of a second id (process warm, caches cold),
/// sequential repeats and a short concurrent <c>wrk</c> run. Everything started here is stopped.
/// </summary>
internal static class ComposeRun
{
    public const string Accept = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
    private static readonly string[] Ids = ["bench-ws-1", "bench-ws-2"];
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static async Task<ComposeResult> RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        RequiredTool.Require(Wrk.Program);
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var work = new TempDir("lbench-compose");

        log("compose: starting the upstream and pushing base and IDE images");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        var specs = await ComposeImages.PushAsync(upstream.BaseUri, Ids, ct);
        await using var specServer = await SpecServer.StartAsync(new BenchSpecService(specs));
        var specFile = work.WriteFile("specs.json", ComposeImages.FixedSpecJson(specs));

        var modes = new List<ComposeModeResult>();
        log("compose: remote/<id> through the gRPC spec provider");
        await using (var facade = await FacadeProcess.StartAsync(options.FacadeDll, upstream.BaseUri,
            [$"--Facade:Composition:SpecProviders:0:Address={specServer.Address.GetLeftPart(UriPartial.Authority)}"]))
        {
            var callsBefore = specServer.Service.Calls;
            var result = await MeasureAsync("remote", facade.BaseUri, upstream.Counter!, options, ct);
            modes.Add(result with { SpecCalls = specServer.Service.Calls - callsBefore });
        }
        log("compose: fixed/<id> from the spec file");
        await using (var facade = await FacadeProcess.StartAsync(options.FacadeDll, upstream.BaseUri, [$"--Facade:Composition:FixedSpecFile={specFile}"]))
            modes.Add(await MeasureAsync("fixed", facade.BaseUri, upstream.Counter!, options, ct));

        return new ComposeResult(started, clock.Elapsed.TotalSeconds, MachineInfo.Read(), loadBefore, MachineInfo.LoadAverage(),
            ComposeImages.Description, modes);
    }

    private static async Task<ComposeModeResult> MeasureAsync(string mode, Uri facade, CountingProxy upstream, LoadOptions options, CancellationToken ct)
    {
        var url = new Uri(facade, $"v2/{mode}/{Ids[0]}/manifests/latest");
        var second = new Uri(facade, $"v2/{mode}/{Ids[1]}/manifests/latest");
        upstream.Reset();
        var first = (await SequentialLatency.RunAsync(url, Accept, 1, Limit, ct))[0];
        var firstUpstream = upstream.Log.Count;
        upstream.Reset();
        var secondFirst = (await SequentialLatency.RunAsync(second, Accept, 1, Limit, ct))[0];
        var secondUpstream = upstream.Log.Count;
        upstream.Reset();
        var repeats = await SequentialLatency.RunAsync(url, Accept, options.ComposeRepeats, Limit, ct);
        var concurrent = await Wrk.RunAsync(url, options.ComposeConnections, options.ComposeDuration, Accept);
        var layers = await LayerCountAsync(url, ct);
        return new ComposeModeResult(mode, first, firstUpstream, secondFirst, secondUpstream, layers,
            repeats.Length, SequentialLatency.Percentile(repeats, 50), SequentialLatency.Percentile(repeats, 99), repeats.Average(),
            concurrent, options.ComposeConnections, options.ComposeDuration.TotalSeconds, upstream.Log.Count, null);
    }

    // The composed manifest must list base + IDE + content layers; counting them proves composition happened.
    private static async Task<int> LayerCountAsync(Uri url, CancellationToken ct)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", Accept);
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(ct));
        return document.RootElement.TryGetProperty("layers", out var layers) ? layers.GetArrayLength() : 0;
    }
}
