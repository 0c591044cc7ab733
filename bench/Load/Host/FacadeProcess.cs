using Facade.TestSupport;

namespace Facade.Load.Host;

/// <summary>
/// The facade as its own process (<c>dotnet Facade.dll</c>, Release), mirroring one upstream as
/// the default, with a fresh cache directory (or the caller's, kept across restarts); its RSS is
/// then its own. Dispose kills it and deletes a cache it created.
/// </summary>
internal sealed class FacadeProcess : IAsyncDisposable
{
    private readonly TempDir? _cache;
    private readonly ProcessHost _process;

    private FacadeProcess(TempDir? cache, ProcessHost process, Uri baseUri)
    {
        _cache = cache;
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Pid => _process.Id;

    /// <summary>The last lines the process printed (warnings and errors: the facade logs at Warning here).</summary>
    public string Log => _process.Output.ToString();

    /// <summary>
    /// Starts the facade mirroring <paramref name="upstream"/>; <paramref name="extraArguments"/> are
    /// further configuration switches; <paramref name="logLines"/> is how much of its output <see cref="Log"/> keeps.
    /// </summary>
    public static async Task<FacadeProcess> StartAsync(string facadeDll, Uri upstream, IEnumerable<string>? extraArguments = null, string? cacheDirectory = null,
        int logLines = 200)
    {
        var cache = cacheDirectory is null ? new TempDir("fbench") : null;
        var cachePath = cacheDirectory ?? cache!.Path;
        try
        {
            var (process, port) = await ProcessHost.StartOnFreePortAsync(
                port => ProcessHost.Start("dotnet",
                [
                    facadeDll,
                    $"--Urls=http://127.0.0.1:{port}",
                    $"--Facade:Upstreams:local:Url={upstream}",
                    "--Facade:DefaultUpstream=local",
                    $"--Facade:Cache:Directory={cachePath}",
                    // Logging costs CPU under load; warnings still show up in failure output.
                    "--Logging:LogLevel:Default=Warning",
                    .. extraArguments ?? [],
                ], workingDirectory: Path.GetDirectoryName(facadeDll), outputLines: logLines),
                (process, port) => process.WaitForHttpAsync(new Uri($"http://127.0.0.1:{port}/v2/"), TimeSpan.FromSeconds(60)));
            return new FacadeProcess(cache, process, new Uri($"http://127.0.0.1:{port}/"));
        }
        catch
        {
            cache?.Dispose();
            throw;
        }
    }

    /// <summary>SIGTERM, then waits up to <paramref name="grace"/> for a graceful exit (killed after).</summary>
    public Task StopAsync(TimeSpan grace) => _process.StopAsync(grace);

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        _cache?.Dispose();
    }
}
