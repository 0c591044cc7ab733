using System.Diagnostics;
using System.Net;
using Facade.Load.Host;
using Facade.Load.Report;
using Facade.Load.Seed;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Load.Tls;

/// <summary>
/// The TLS run: the reference registry on HTTPS (HTTP/2 by ALPN) behind a relay that adds a
/// 20 ms round trip (and behind a second one that also caps the link rate), pulled by a direct client and by the facade (its upstream URL is the relay,
/// its CA file the registry's CA). Each facade is a new process with an empty cache, warmed up
/// like the cold run's before its measured (cold) pull; each direct client warms its connection
/// on the same small blobs first, so neither side pays for a handshake in the measured pull.
/// </summary>
internal static class TlsRun
{
    private const string Repository = "bench/tls";
    private static readonly TimeSpan OneWay = TimeSpan.FromMilliseconds(10);

    public static async Task<TlsResult> RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        var loadBefore = MachineInfo.LoadAverage();
        var clock = Stopwatch.StartNew();
        using var work = new TempDir("tbench");
        using var authority = TestCertificates.CreateAuthority();
        var size = options.BlobMiB * 1024L * 1024;

        log($"tls: starting the registry on HTTPS behind a {2 * OneWay.TotalMilliseconds:F0} ms round-trip relay and seeding");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true, Tls = authority });
        Digest blob;
        IReadOnlyList<Digest> warm;
        using (var client = upstream.CreateClient())
        {
            blob = await UpstreamSeeder.PushRandomBlobAsync(client, Repository, size, work.Path, ct);
            warm = await WarmUp.SeedAsync(client, Repository, work.Path, ct);
        }
        await using var relay = new DelayRelay(upstream.DirectUri, OneWay);
        await using var capped = new DelayRelay(upstream.DirectUri, OneWay, bytesPerSecond: options.LinkMbit * 1_000_000L / 8);
        var far = relay.BaseUri("https");
        var roots = TrustedRoots.FromPemFile(upstream.CaFile);
        var pulls = new Pulls(blob, warm, size, options);

        var rounds = new List<TlsRound>();
        for (var round = 1; round <= options.ColdRounds; round++)
        {
            ct.ThrowIfCancellationRequested();
            var load = MachineInfo.LoadAverage();
            log($"tls: round {round} of {options.ColdRounds} (load average {load})");
            var directHttp2 = await pulls.DirectAsync(far, roots, HttpVersion.Version20, RegistryHttpOptions.DefaultHttp2StreamWindow, ct);
            var directRuntimeWindow = await pulls.DirectAsync(far, roots, HttpVersion.Version20, null, ct);
            var directHttp11 = await pulls.DirectAsync(far, roots, HttpVersion.Version11, null, ct);
            var facadeHttp2 = await pulls.FacadeAsync(relay, upstream.CaFile, http2: true, ct);
            var facadeHttp11 = await pulls.FacadeAsync(relay, upstream.CaFile, http2: false, ct);
            var cappedDirect = await pulls.DirectAsync(capped.BaseUri("https"), roots, HttpVersion.Version20, RegistryHttpOptions.DefaultHttp2StreamWindow, ct);
            var cappedFacade = await pulls.FacadeAsync(capped, upstream.CaFile, http2: true, ct);
            var cappedFacadeHttp11 = await pulls.FacadeAsync(capped, upstream.CaFile, http2: false, ct);
            rounds.Add(new TlsRound(load, directHttp2, directRuntimeWindow, directHttp11, facadeHttp2, facadeHttp11, cappedDirect, cappedFacade, cappedFacadeHttp11));
        }
        return new TlsResult(started, clock.Elapsed.TotalSeconds, MachineInfo.Read(), loadBefore, MachineInfo.LoadAverage(),
            size, 2 * OneWay.TotalMilliseconds, RegistryHttpOptions.DefaultHttp2StreamWindow, options.LinkMbit, rounds);
    }

    /// <summary>The measured pulls of one run: the blob, the warm-up blobs and the limits.</summary>
    private sealed record Pulls(Digest Blob, IReadOnlyList<Digest> Warm, long Size, LoadOptions Options)
    {
        /// <summary>
        /// A client of the relay speaking exactly <paramref name="version"/>, trusting the registry's
        /// CA; with <paramref name="window"/> its HTTP/2 streams start with that window (null: the runtime's).
        /// </summary>
        public async Task<TlsSample> DirectAsync(Uri far, TrustedRoots roots, Version version, int? window, CancellationToken ct)
        {
            var handler = new SocketsHttpHandler { UseProxy = false };
            if (window is { } size) handler.InitialHttp2StreamWindowSize = size;
            handler.SslOptions.RemoteCertificateValidationCallback = roots.Validate;
            using var http = new HttpClient(handler)
            {
                Timeout = Timeout.InfiniteTimeSpan,
                DefaultRequestVersion = version,
                DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            await WarmAsync(http, far, null, 0, ct);
            PageRecycler.Recycle(Path.GetTempPath(), Size);
            return new TlsSample(await TimedPull.GetAsync(http, Url(far, Blob), Size, Options.ColdPullLimit, ct), null, null);
        }

        /// <summary>A new facade (empty cache) mirroring the relay; its CPU and upstream bytes for the cold pull.</summary>
        public async Task<TlsSample> FacadeAsync(DelayRelay relay, string caFile, bool http2, CancellationToken ct)
        {
            await using var facade = await FacadeProcess.StartAsync(Options.FacadeDll, relay.BaseUri("https"),
                [$"--Facade:Upstreams:local:CaFile={caFile}", $"--Facade:Upstreams:local:Http2={http2}"]);
            using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };
            await WarmAsync(http, facade.BaseUri, facade.Pid, WarmUp.CachedReads, ct);
            // The facade writes the blob into its cache: it gets recycled pages, as in the cold run.
            var (pull, cpu) = await MeasuredPull.RunAsync(facade.Pid, 2 * Size, relay.Reset,
                () => TimedPull.GetAsync(http, Url(facade.BaseUri, Blob), Size, Options.ColdPullLimit, ct), ct);
            return new TlsSample(pull, cpu, relay.BytesFromTarget);
        }

        // The cold run's warm-up (see WarmUp); for a direct client it also opens the connection.
        private Task WarmAsync(HttpClient http, Uri server, int? pid, int cachedReads, CancellationToken ct) =>
            WarmUp.RunAsync(Warm, pid, cachedReads,
                async (blob, size) => (await TimedPull.GetAsync(http, Url(server, blob), size, Options.ColdPullLimit, ct)).Error, ct);
    }

    private static Uri Url(Uri server, Digest digest) => new(server, $"v2/{Repository}/blobs/{digest.Value}");
}
