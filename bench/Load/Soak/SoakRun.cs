using Facade.Load.Host;
using Facade.TestSupport;

namespace Facade.Load.Soak;

/// <summary>
/// The soak: a real registry behind a relay that flaps (down for a while every few minutes), the
/// facade as its own process with a cache bound well below the image set (so blobs keep turning
/// cold), a graceful restart (SIGTERM, then a new process on the same cache) half-way, and
/// several clients with mixed requests. Every minute it samples the facade's RSS and open fds.
/// </summary>
internal static class SoakRun
{
    private const int Images = 24;
    private const int Clients = 6;
    private static readonly TimeSpan FlapEvery = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan FlapDown = TimeSpan.FromSeconds(20);
    // Errors this soon after a window closes still belong to it (requests started inside it).
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);
    // Enough for every warning of a 30-minute run: the log is how an unexplained error gets explained.
    private const int LogLines = 100_000;

    public static async Task<SoakResult> RunAsync(LoadOptions options, Action<string> log, CancellationToken ct)
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var images = await SeedAsync(registry, ct);
        var total = images.Sum(i => i.Image.Blobs.Sum(b => b.Size));
        var maxBytes = total * 35 / 100;
        log($"soak: {images.Count} images, {total / 1048576.0:F1} MiB of blobs, cache bound {maxBytes / 1048576.0:F1} MiB, {options.SoakMinutes} minutes");
        await using var relay = new TcpRelay(registry.DirectUri);
        using var cache = new TempDir("fsoak");
        string[] arguments = [$"--Facade:Cache:MaxBytes={maxBytes}", "--Facade:Timeouts:Idle=00:00:10", "--Facade:ShutdownTimeout=00:00:20"];
        var facade = await FacadeProcess.StartAsync(options.FacadeDll, relay.BaseUri, arguments, cache.Path, LogLines);
        var current = facade;
        var tally = new SoakTally();
        var windows = new List<SoakWindow>();
        var samples = new List<SoakSample>();
        var started = DateTimeOffset.UtcNow;
        var end = started + TimeSpan.FromMinutes(options.SoakMinutes);
        var restartAt = started + TimeSpan.FromMinutes(options.SoakMinutes / 2.0);
        var nextFlap = started + TimeSpan.FromMinutes(2);
        using var stopClients = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var clients = Enumerable.Range(0, Clients)
            .Select(i => Task.Run(() => new SoakClient(() => Volatile.Read(ref current).BaseUri, images, tally, 5000 + i).RunAsync(stopClients.Token)))
            .ToList();
        var restarted = false;
        var facadeLogs = new List<string>();
        long lastOk = 0, lastWrong = 0, lastLeft = 0;
        var lastErrors = 0;
        try
        {
            for (var minute = 1; DateTimeOffset.UtcNow < end; minute++)
            {
                var minuteEnd = started + TimeSpan.FromMinutes(minute);
                while (DateTimeOffset.UtcNow < minuteEnd && DateTimeOffset.UtcNow < end)
                {
                    if (DateTimeOffset.UtcNow >= nextFlap)
                    {
                        var from = DateTimeOffset.UtcNow;
                        relay.Refusing = true;
                        relay.CutAll();
                        await Task.Delay(FlapDown, ct);
                        relay.Refusing = false;
                        windows.Add(new SoakWindow(from, DateTimeOffset.UtcNow, "upstream down"));
                        nextFlap += FlapEvery;
                    }
                    if (!restarted && DateTimeOffset.UtcNow >= restartAt)
                    {
                        restarted = true;
                        var from = DateTimeOffset.UtcNow;
                        log("soak: restarting the facade (SIGTERM, then a new process on the same cache)");
                        await current.StopAsync(TimeSpan.FromSeconds(40));
                        var next = await FacadeProcess.StartAsync(options.FacadeDll, relay.BaseUri, arguments, cache.Path, LogLines);
                        var old = Interlocked.Exchange(ref current, next);
                        facadeLogs.Add($"--- facade pid {old.Pid} (stopped half-way) ---\n{old.Log}");
                        await old.DisposeAsync();
                        windows.Add(new SoakWindow(from, DateTimeOffset.UtcNow, "facade restarting"));
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
                }
                var errors = tally.Errors.Count;
                var sample = new SoakSample(minute, tally.Ok - lastOk, errors - lastErrors, tally.Wrong - lastWrong, tally.Disconnects - lastLeft,
                    ProcessMemory.CurrentBytes(current.Pid) / 1048576.0, OpenFds(current.Pid), current.Pid);
                (lastOk, lastErrors, lastWrong, lastLeft) = (tally.Ok, errors, tally.Wrong, tally.Disconnects);
                samples.Add(sample);
                log($"soak: minute {sample.Minute}: {sample.Ok} ok, {sample.Errors} errors, {sample.Wrong} wrong, {sample.Disconnects} left early, RSS {sample.RssMiB:F0} MiB, {sample.OpenFds} fds (pid {sample.Pid})");
            }
        }
        finally
        {
            await stopClients.CancelAsync();
            await Task.WhenAll(clients);
            facadeLogs.Add($"--- facade pid {current.Pid} ---\n{current.Log}");
            await current.DisposeAsync();
            await WriteLogAsync(options.ResultsDirectory, started, facadeLogs, log);
        }
        var explained = tally.Errors.Where(e => windows.Any(w => e.At >= w.From && e.At <= w.To + Grace)).ToList();
        var unexplained = tally.Errors.Except(explained).ToList();
        return new SoakResult(started, options.SoakMinutes, images.Count, total, maxBytes, Clients, tally.Ok, tally.Bytes, tally.Wrong,
            [.. tally.WrongDetails], tally.Disconnects, explained.Count, unexplained, windows, samples);
    }

    private static async Task WriteLogAsync(string directory, DateTimeOffset started, List<string> logs, Action<string> log)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"soak-{started:yyyy-MM-dd-HHmm}-facade.log");
        await File.WriteAllTextAsync(path, string.Join('\n', logs));
        log($"soak: facade output in {path}");
    }

    private static int OpenFds(int pid)
    {
        try { return Directory.GetFiles($"/proc/{pid}/fd").Length; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return -1; }
    }

    // Fixed seeds: the same images every run. Three layers each, between 32 KiB and about 3 MiB.
    private static async Task<List<(string Repository, GeneratedImage Image)>> SeedAsync(DistributionRegistry registry, CancellationToken ct)
    {
        var sizes = new Random(42);
        var images = new List<(string, GeneratedImage)>();
        using var client = registry.CreateClient();
        for (var i = 0; i < Images; i++)
        {
            var image = ImageGenerator.Image(new ImageSpec
            {
                Seed = 9000 + i,
                Gzip = false,
                LayerSizes = [.. Enumerable.Range(0, 3).Select(_ => (long)sizes.Next(32 * 1024, 3 * 1024 * 1024))],
            });
            var repository = $"soak/app{i}";
            await image.PushAsync(client, repository, "v1", ct);
            images.Add((repository, image));
        }
        return images;
    }
}
