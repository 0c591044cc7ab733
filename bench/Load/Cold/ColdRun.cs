using System.Diagnostics;
using Facade.Load.Host;
using Facade.Load.Measure;
using Facade.Load.Net;
using Facade.Load.Report;
using Facade.Load.Seed;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Load.Cold;

/// <summary>
/// The cold run: how fast, and at what CPU cost, a blob nobody has cached reaches one client
/// (and N clients at once), through the facade and through distribution's proxy, next to the
/// upstream read directly. Each round starts a new facade and a new proxy with empty storage;
/// each first gets warm-up requests (so the measured pull does not pay for first-use JIT) and
/// the measurement waits until the server is idle before and after, so background work a pull
/// causes (a commit, the proxy's second fetch for its store) is charged to it. The native floor
/// relay (<see cref="FloorRelay"/>) pulls the 1-client blob last in each round, forwarding only and
/// then caching: what the work itself costs here, next to what the facade costs for it.
/// </summary>
internal static class ColdRun
{
    private const string Repository = "bench/cold";

    public static async Task<ColdResult> RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var work = new TempDir("cbench");
        var size = options.BlobMiB * 1024L * 1024;

        log("cold: starting the upstream registry and seeding two blobs and the warm-up blobs");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var upstreamPid = await PortOwner.PidAsync(upstream.DirectUri.Port);
        Digest one, many;
        IReadOnlyList<Digest> warm;
        using (var client = RegistryClient.Create(upstream.DirectUri))
        {
            one = await UpstreamSeeder.PushRandomBlobAsync(client, Repository, size, work.Path, ct);
            many = await UpstreamSeeder.PushRandomBlobAsync(client, Repository, size, work.Path, ct);
            warm = await WarmUp.SeedAsync(client, Repository, work.Path, ct);
        }

        var (floorBinary, floorSkipped) = await FloorRelay.BuildAsync(options.RepoRoot, work.Path, ct);
        if (floorSkipped is not null) log($"cold: the floor relay is skipped: {floorSkipped}");

        var rounds = new List<ColdRound>();
        for (var round = 1; round <= options.ColdRounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var load = MachineInfo.LoadAverage();
            log($"cold: round {round} of {options.ColdRounds} (load average {load})");
            var direct1 = await MeasureAsync(upstreamPid, Url(upstream.DirectUri, one), size, 1, null, options, ct);
            var directMany = await MeasureAsync(upstreamPid, Url(upstream.DirectUri, many), size, options.ColdClients, null, options, ct);

            ColdSample facade1, facadeMany;
            await using (var relay = new TcpByteCounter(upstream.DirectUri))
            await using (var facade = await FacadeProcess.StartAsync(options.FacadeDll, relay.BaseUri))
            {
                await WarmAsync(facade.Pid, facade.BaseUri, warm, WarmUp.CachedReads, options, ct);
                facade1 = await MeasureAsync(facade.Pid, Url(facade.BaseUri, one), size, 1, relay, options, ct);
                facadeMany = await MeasureAsync(facade.Pid, Url(facade.BaseUri, many), size, options.ColdClients, relay, options, ct);
            }

            ColdSample proxy1;
            await using (var relay = new TcpByteCounter(upstream.DirectUri))
            await using (var proxy = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true, ProxyRemote = relay.BaseUri }))
            {
                var proxyPid = await PortOwner.PidAsync(proxy.DirectUri.Port);
                await WarmAsync(proxyPid, proxy.DirectUri, warm, 0, options, ct);
                proxy1 = await MeasureAsync(proxyPid, Url(proxy.DirectUri, one), size, 1, relay, options, ct);
            }
            ColdSample? floorForward = null, floorCache = null;
            if (floorBinary is not null)
            {
                floorForward = await MeasureFloorAsync(floorBinary, "forward", upstream.DirectUri, one, size, options, ct);
                floorCache = await MeasureFloorAsync(floorBinary, "cache", upstream.DirectUri, one, size, options, ct);
            }
            rounds.Add(new ColdRound(load, direct1, facade1, proxy1, directMany, facadeMany, floorForward, floorCache));
        }
        return new ColdResult(started, clock.Elapsed.TotalSeconds, MachineInfo.Read(), loadBefore, MachineInfo.LoadAverage(),
            size, options.ColdClients, rounds, floorSkipped);
    }

    // A new relay per measurement, with an empty directory, as every cache here starts empty.
    private static async Task<ColdSample> MeasureFloorAsync(string binary, string mode, Uri upstream, Digest blob, long size, LoadOptions options, CancellationToken ct)
    {
        await using var relay = await FloorRelay.StartAsync(binary, upstream, mode);
        return await MeasureAsync(relay.Pid, Url(relay.BaseUri, blob), size, 1, null, options, ct);
    }

    private static Uri Url(Uri server, Digest digest) => new(server, $"v2/{Repository}/blobs/{digest.Value}");

    private static Task WarmAsync(int pid, Uri server, IReadOnlyList<Digest> blobs, int cachedReads, LoadOptions options, CancellationToken ct) =>
        WarmUp.RunAsync(blobs, pid, cachedReads,
            async (blob, size) => (await ConcurrentPull.RunAsync(Url(server, blob), size, 1, options.ColdPullLimit, ct)).FirstError, ct);

    private static async Task<ColdSample> MeasureAsync(int pid, Uri url, long size, int clients, TcpByteCounter? relay, LoadOptions options, CancellationToken ct)
    {
        // Twice the blob: the proxy's store and the facade's cache each write it once.
        var (pull, cpu) = await MeasuredPull.RunAsync(pid, 2 * size, relay is null ? null : relay.Reset,
            () => ConcurrentPull.RunAsync(url, size, clients, options.ColdPullLimit, ct), ct);
        return new ColdSample(pull.WallSeconds, cpu, pull.BytesReceived, relay?.BytesFromTarget, pull.Completed, clients, pull.FirstError);
    }
}
