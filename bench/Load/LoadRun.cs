using System.Diagnostics;
using Facade.Load.Host;
using Facade.Load.Measure;
using Facade.Load.Net;
using Facade.Load.Report;
using Facade.Load.Seed;
using Facade.TestSupport;

namespace Facade.Load;

/// <summary>
/// One end-to-end run: the upstream (docker-registry behind a counting proxy) is seeded, a facade
/// process and a distribution proxy mirror it through their own byte-counting relays, and all
/// three are measured the same way. Everything started here is stopped on the way out.
/// </summary>
internal static class LoadRun
{
    private const double MiB = 1024 * 1024;

    public static async Task<LoadReport> RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        RequiredTool.Require(Wrk.Program);
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var work = new TempDir("lbench");

        log("starting the upstream registry and seeding it");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        var images = await UpstreamSeeder.SeedAsync(upstream.DirectUri, options.BlobMiB * (long)MiB, work.Path, ct);
        var counter = upstream.Counter!;

        await using var facadeRelay = new TcpByteCounter(upstream.BaseUri);
        await using var proxyRelay = new TcpByteCounter(upstream.BaseUri);
        log("starting the facade process and the distribution proxy");
        await using var facade = await FacadeProcess.StartAsync(options.FacadeDll, facadeRelay.BaseUri);
        await using var proxy = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true, ProxyRemote = proxyRelay.BaseUri });
        Peer[] peers =
        [
            new(TargetCheck.Direct, upstream.DirectUri, await PortOwner.PidAsync(upstream.DirectUri.Port), null),
            new(TargetCheck.Facade, facade.BaseUri, facade.Pid, facadeRelay),
            new(TargetCheck.Proxy, proxy.DirectUri, await PortOwner.PidAsync(proxy.DirectUri.Port), proxyRelay),
        ];

        var blobPath = $"v2/{images.BigRepository}/blobs/{images.BigBlob.Value}";
        foreach (var peer in peers)
        {
            ct.ThrowIfCancellationRequested();
            log($"{peer.Name}: {options.Clients} concurrent cold pulls");
            await ColdPullAsync(peer, counter, new Uri(peer.BaseUri, blobPath), images, options, ct);
        }
        foreach (var peer in peers)
        {
            if (!ProcessMemory.ResetPeak(peer.Pid)) peer.Result.Notes.Add("could not reset VmHWM: cached-load peak includes the cold pulls");
            var warm = await ConcurrentPull.RunAsync(new Uri(peer.BaseUri, blobPath), images.BigBlobSize, 1, options.ColdPullLimit, ct);
            if (warm.Failed > 0) peer.Result.Notes.Add("warm-up download failed: " + warm.FirstError);
        }
        foreach (var peer in peers)
        {
            ct.ThrowIfCancellationRequested();
            log($"{peer.Name}: cached blob throughput");
            var url = new Uri(peer.BaseUri, blobPath);
            var cpu = ProcessCpu.Seconds(peer.Pid);
            var one = await Wrk.RunAsync(url, 1, options.BlobDuration);
            var cpuOne = ProcessCpu.Seconds(peer.Pid);
            var many = await Wrk.RunAsync(url, options.Clients, options.BlobDuration);
            peer.Result.BlobMiBps1 = one.BytesPerSecond / MiB;
            peer.Result.BlobMiBps32 = many.BytesPerSecond / MiB;
            peer.Result.CpuSecondsPerGiB1 = CpuPerGiB(cpuOne - cpu, one.BytesPerSecond * options.BlobDuration.TotalSeconds);
            peer.Result.CpuSecondsPerGiB32 = CpuPerGiB(ProcessCpu.Seconds(peer.Pid) - cpuOne, many.BytesPerSecond * options.BlobDuration.TotalSeconds);
        }
        foreach (var peer in peers)
        {
            ct.ThrowIfCancellationRequested();
            log($"{peer.Name}: manifest GETs at {options.ManifestConnections} connections");
            await ManifestLoadAsync(peer, counter, images, options);
            peer.Result.PeakRssCachedBytes = ProcessMemory.PeakBytes(peer.Pid);
        }
        return new LoadReport(started, clock.Elapsed.TotalSeconds, MachineInfo.Read(), await RegistryVersionAsync(), loadBefore, MachineInfo.LoadAverage(),
            images.BigBlobSize, options.Clients, options.ManifestConnections, options.BlobDuration.TotalSeconds,
            options.ManifestDuration.TotalSeconds, [.. peers.Select(p => p.Result)]);
    }

    private static double? CpuPerGiB(double cpuSeconds, double bytes) => bytes > 0 ? cpuSeconds / (bytes / (MiB * 1024)) : null;

    private static async Task ColdPullAsync(Peer peer, CountingProxy counter, Uri url, SeededImages images, LoadOptions options, CancellationToken ct)
    {
        ProcessMemory.ResetPeak(peer.Pid);
        counter.Reset();
        peer.UpstreamRelay?.Reset();
        peer.Result.Cold = await ConcurrentPull.RunAsync(url, images.BigBlobSize, options.Clients, options.ColdPullLimit, ct);
        peer.Result.PeakRssColdBytes = ProcessMemory.PeakBytes(peer.Pid);
        if (peer.Result.Cold.FirstError is { } error) peer.Result.Notes.Add("cold pull: " + error);
        if (peer.UpstreamRelay is null) return;
        // A mirror may still be finishing its upstream read when the last client is done.
        await Task.Delay(TimeSpan.FromSeconds(1), ct);
        peer.Result.UpstreamBlobGets = counter.BlobGets(images.BigRepository, images.BigBlob.Value);
        peer.Result.UpstreamBytes = peer.UpstreamRelay.BytesFromTarget;
    }

    private static async Task ManifestLoadAsync(Peer peer, CountingProxy counter, SeededImages images, LoadOptions options)
    {
        var byDigest = new Uri(peer.BaseUri, $"v2/{images.SmallRepository}/manifests/{images.SmallManifest.Value}");
        var byTag = new Uri(peer.BaseUri, $"v2/{images.SmallRepository}/manifests/{images.SmallTag}");
        // One request each first, so a mirror has both in its cache.
        await Wrk.RunAsync(byDigest, 1, TimeSpan.FromSeconds(1), images.SmallManifestMediaType);
        await Wrk.RunAsync(byTag, 1, TimeSpan.FromSeconds(1), images.SmallManifestMediaType);
        peer.Result.ManifestByDigest = await Wrk.RunAsync(byDigest, options.ManifestConnections, options.ManifestDuration, images.SmallManifestMediaType);
        counter.Reset();
        peer.Result.ManifestByTag = await Wrk.RunAsync(byTag, options.ManifestConnections, options.ManifestDuration, images.SmallManifestMediaType);
        if (peer.UpstreamRelay is not null) peer.Result.UpstreamRequestsDuringTagLoad = counter.Log.Count;
    }

    private static async Task<string> RegistryVersionAsync()
    {
        var result = await Tool.RunAsync(DistributionRegistry.Program, ["--version"]);
        return result.Succeeded ? result.StandardOutput.Trim() : DistributionRegistry.Program;
    }
}
