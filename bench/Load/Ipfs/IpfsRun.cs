using System.Diagnostics;
using Facade.Load.Host;
using Facade.Load.Measure;
using Facade.Load.Report;
using Facade.Load.Seed;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Load.Ipfs;

/// <summary>
/// IPFS against upstream for one blob: the blob image is pushed to the upstream, its layer is
/// published with the facade's own <c>ipfs-publish</c>, then facade A (upstream only) and facade B
/// (IPFS serving on, its upstream a closed port) each pull the blob cold, a new facade process with
/// an empty cache per pull. Beside each of B's pulls, the node's own cat of the CID and the native
/// floor relay (<see cref="FloorRelay"/>) reading it. Everything started here is stopped on the way out.
/// </summary>
internal static class IpfsRun
{
    private static readonly TimeSpan PullLimit = TimeSpan.FromMinutes(3);
    private const int WarmPasses = 2;
    private const long WarmBlobBytes = 8 * 1024 * 1024;
    // Small layers in one image (one publish) that bring B's per-request code to its final tier
    // before the measured pulls, as the cold run's warm-up does (see Host/WarmUp).
    private const string TierRepository = "bench/ipfs-tier";
    private const int TierLayers = 64;
    private const long TierLayerBytes = 64 * 1024;
    private const int NodeWarmCats = 3;

    public static async Task<IpfsResult> RunAsync(LoadOptions options, string repoRoot, Action<string> log, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var work = new TempDir("lbench-ipfs-run");

        log("ipfs: starting the upstream, redis-server and the js-ipfs node");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Counting = true, Quiet = true });
        await using var redis = await RedisServer.StartAsync(TimeSpan.FromSeconds(30));
        await using var node = await IpfsNode.StartAsync(repoRoot);
        var images = await UpstreamSeeder.SeedAsync(upstream.DirectUri, options.IpfsBlobMiB * 1024L * 1024, work.Path, ct);
        var blobPath = $"v2/{images.BigRepository}/blobs/{images.BigBlob.Value}";

        // Facade B serves from one process, warmed by two passes of their own layers; each
        // measured pull is of a layer of its own, so every one is cold in the facade's cache.
        var warmLayers = new List<(string Repository, Digest Blob)>();
        var layers = new List<(string Repository, Digest Blob)>();
        IReadOnlyList<Digest> tierLayers;
        using (var client = RegistryClient.Create(upstream.DirectUri))
        {
            for (var i = 0; i < WarmPasses; i++)
                warmLayers.Add(($"bench/ipfs-warm{i}", await UpstreamSeeder.PushLayerImageAsync(client, $"bench/ipfs-warm{i}", WarmBlobBytes, work.Path, ct)));
            tierLayers = await UpstreamSeeder.PushLayersImageAsync(client, TierRepository, TierLayers, TierLayerBytes, work.Path, ct);
            for (var i = 0; i < options.IpfsPulls; i++)
                layers.Add(($"bench/ipfs-{i}", await UpstreamSeeder.PushLayerImageAsync(client, $"bench/ipfs-{i}", images.BigBlobSize, work.Path, ct)));
        }

        log($"ipfs: publishing {options.IpfsPulls} layers of {options.IpfsBlobMiB} MiB and {WarmPasses} warm-up layers with 'Facade ipfs-publish'");
        var publishClock = Stopwatch.StartNew();
        var publish = await PublishAsync(options, upstream, redis, node, layers[0].Repository, work, "publish-0");
        var publishSeconds = publishClock.Elapsed.TotalSeconds;
        var cids = new List<string> { CidOf(publish, layers[0].Blob) };
        for (var i = 1; i < layers.Count; i++)
            cids.Add(CidOf(await PublishAsync(options, upstream, redis, node, layers[i].Repository, work, $"publish-{i}"), layers[i].Blob));
        foreach (var (repository, _) in warmLayers) await PublishAsync(options, upstream, redis, node, repository, work, $"publish-{repository.Replace('/', '-')}");
        await PublishAsync(options, upstream, redis, node, TierRepository, work, "publish-tier");

        var upstreamPulls = new List<PullResult>();
        upstream.Counter!.Reset();
        for (var i = 1; i <= options.IpfsPulls; i++)
        {
            ct.ThrowIfCancellationRequested();
            log($"ipfs: facade A (upstream only), cold pull {i} of {options.IpfsPulls}");
            await using var facade = await FacadeProcess.StartAsync(options.FacadeDll, upstream.BaseUri);
            upstreamPulls.Add(await HashingPull.RunAsync(new Uri(facade.BaseUri, blobPath), images.BigBlob, PullLimit, ct));
        }
        var upstreamGets = upstream.Counter.BlobGets(images.BigRepository, images.BigBlob.Value);

        // A port nothing listens on: a blob that arrives can only have come from IPFS.
        var closed = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        string[] ipfsArguments = [$"--Facade:Redis:Configuration={redis.Configuration}", $"--Facade:Ipfs:Api={node.Api}", "--Facade:Ipfs:Serve=true"];
        // The node is a JavaScript process: its first reads run before its JIT settles and were
        // up to 4x slower than later ones. Warmed, its own cat is the yardstick it should be.
        for (var i = 0; i < NodeWarmCats; i++) await NodeCat.RunAsync(node.Api, cids[0], layers[0].Blob, PullLimit, ct);
        await using var served = await FacadeProcess.StartAsync(options.FacadeDll, closed, ipfsArguments);
        foreach (var (repository, blob) in warmLayers)
        {
            await WarmPullAsync(served, repository, blob, ct);
            await CpuSettle.WaitIdleAsync(served.Pid, TimeSpan.FromSeconds(20), ct);
        }
        foreach (var blob in tierLayers) await WarmPullAsync(served, TierRepository, blob, ct);
        // Each measured pull scrapes /metrics before and after it: a scrape compiles code of its
        // own and promotes what it calls per series a moment later, so three scrapes and an idle
        // wait first keep that out of the pulls.
        for (var i = 0; i < 3; i++) await IpfsBytesServedAsync(served);
        await CpuSettle.WaitIdleAsync(served.Pid, TimeSpan.FromSeconds(20), ct);
        var (floorBinary, floorSkipped) = await FloorRelay.BuildAsync(repoRoot, work.Path, ct);
        if (floorSkipped is not null) log($"ipfs: the floor relay is skipped: {floorSkipped}");
        var floorForward = new List<PullResult>();
        var floorCache = new List<PullResult>();
        var ipfsPulls = new List<PullResult>();
        var catPulls = new List<PullResult>();
        var bytesFromIpfs = new List<long?>();
        for (var i = 0; i < layers.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            log($"ipfs: the node's own cat, then facade B (IPFS, upstream closed), cold pull {i + 1} of {layers.Count}");
            catPulls.Add(await NodeCat.RunAsync(node.Api, cids[i], layers[i].Blob, PullLimit, ct));
            await CpuSettle.WaitIdleAsync(served.Pid, TimeSpan.FromSeconds(20), ct);
            var before = await IpfsBytesServedAsync(served);
            ipfsPulls.Add(await HashingPull.RunAsync(new Uri(served.BaseUri, $"v2/{layers[i].Repository}/blobs/{layers[i].Blob.Value}"), layers[i].Blob, PullLimit, ct));
            bytesFromIpfs.Add(await IpfsBytesServedAsync(served) - before);
            if (floorBinary is null) continue;
            floorForward.Add(await FloorPullAsync(floorBinary, "forward", node, cids[i], layers[i], images.BigBlobSize, ct));
            floorCache.Add(await FloorPullAsync(floorBinary, "cache", node, cids[i], layers[i], images.BigBlobSize, ct));
        }
        return new IpfsResult(started, clock.Elapsed.TotalSeconds, MachineInfo.Read(), loadBefore, MachineInfo.LoadAverage(),
            images.BigBlobSize, images.BigBlob.Value, publishSeconds, publish,
            upstreamPulls, upstreamGets, ipfsPulls, bytesFromIpfs, cids, catPulls, floorForward, floorCache, floorSkipped);
    }

    // The least work of serving a CID verified: the native relay reads the node's cat, hashes and
    // sends (and in cache mode writes and commits), for the same layer right after facade B.
    private static async Task<PullResult> FloorPullAsync(string binary, string mode, IpfsNode node, string cid, (string Repository, Digest Blob) layer,
        long size, CancellationToken ct)
    {
        await using var relay = await FloorRelay.StartAsync(binary, new Uri(node.Api), mode, cid, size);
        return await HashingPull.RunAsync(new Uri(relay.BaseUri, $"v2/{layer.Repository}/blobs/{layer.Blob.Value}"), layer.Blob, PullLimit, ct);
    }

    private static async Task WarmPullAsync(FacadeProcess facade, string repository, Digest blob, CancellationToken ct)
    {
        var warm = await HashingPull.RunAsync(new Uri(facade.BaseUri, $"v2/{repository}/blobs/{blob.Value}"), blob, PullLimit, ct);
        if (warm.Error is { } error) throw new InvalidOperationException($"warm-up pull from IPFS failed: {error}");
    }

    private static Task<long?> IpfsBytesServedAsync(FacadeProcess facade) =>
        MetricsScrape.CounterAsync(new Uri(facade.BaseUri, "metrics"), "facade_bytes_served_total", "source=\"ipfs\"");

    private static async Task<string> PublishAsync(LoadOptions options, DistributionRegistry upstream, RedisServer redis, IpfsNode node,
        string repository, TempDir work, string cacheName)
    {
        var publish = await Tool.RunAsync("dotnet",
        [
            options.FacadeDll, "ipfs-publish", $"{upstream.BaseUri.Authority}/{repository}:v1",
            $"--Facade:Upstreams:local:Url={upstream.BaseUri.GetLeftPart(UriPartial.Authority)}",
            $"--Facade:Cache:Directory={work.CreateDirectory(cacheName)}",
            $"--Facade:Redis:Configuration={redis.Configuration}",
            $"--Facade:Ipfs:Api={node.Api}",
        ], TimeSpan.FromMinutes(5), Path.GetDirectoryName(options.FacadeDll));
        if (!publish.Succeeded) throw new InvalidOperationException($"ipfs-publish of {repository} failed:\n{publish.StandardOutput}{publish.StandardError}");
        return publish.StandardOutput.Trim();
    }

    // ipfs-publish prints "[i/n] <digest> (<size> bytes) -> <cid>" per layer.
    private static string CidOf(string publishOutput, Digest layer) =>
        publishOutput.Split('\n').Where(line => line.Contains(layer.Value, StringComparison.Ordinal) && line.Contains(" -> ", StringComparison.Ordinal))
            .Select(line => line[(line.LastIndexOf(" -> ", StringComparison.Ordinal) + 4)..].Trim())
            .FirstOrDefault() ?? throw new InvalidOperationException($"ipfs-publish printed no CID for {layer.Value}:\n{publishOutput}");
}
