using Facade.Hosting;
using Facade.TestSupport;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// The facade as its own OS process (<c>dotnet Facade.dll</c> from this test's output), for what
/// an in-process host cannot show: <c>kill -9</c>, SIGTERM, two processes on one cache
/// directory. The cache directory belongs to the caller, so it survives restarts.
/// </summary>
public sealed class FacadeProcess : IAsyncDisposable
{
    private FacadeProcess(ProcessHost process, Uri baseUri)
    {
        Process = process;
        BaseUri = baseUri;
        Client = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { BaseAddress = baseUri, Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The running process (SIGTERM with <see cref="ProcessHost.StopAsync"/>, <c>kill -9</c> by disposing it).</summary>
    public ProcessHost Process { get; }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    /// <summary>The compiled facade next to the tests.</summary>
    public static string Dll => typeof(FacadeApp).Assembly.Location;

    /// <summary>Arguments that make the facade mirror <paramref name="upstream"/> on <paramref name="cacheDirectory"/>, logging warnings.</summary>
    public static List<string> Arguments(Uri baseUri, Uri upstream, string cacheDirectory, IEnumerable<string>? extra = null) =>
    [
        Dll,
        $"--Urls={baseUri.GetLeftPart(UriPartial.Authority)}",
        $"--Facade:Upstreams:local:Url={upstream}",
        "--Facade:DefaultUpstream=local",
        "--Facade:Timeouts:Attempts=1",
        $"--Facade:Cache:Directory={cacheDirectory}",
        "--Logging:LogLevel:Default=Warning",
        .. extra ?? [],
    ];

    /// <summary>Starts a facade and waits until it serves <c>/v2/</c>; its last <paramref name="outputLines"/> output lines are kept.</summary>
    public static async Task<FacadeProcess> StartAsync(Uri upstream, string cacheDirectory, IEnumerable<string>? extra = null, int outputLines = 200)
    {
        var (process, port) = await ProcessHost.StartOnFreePortAsync(
            port => ProcessHost.Start("dotnet", Arguments(BaseUriOn(port), upstream, cacheDirectory, extra), Path.GetDirectoryName(Dll), outputLines: outputLines),
            (process, port) => process.WaitForHttpAsync(new Uri(BaseUriOn(port), "/v2/"), TimeSpan.FromSeconds(60)));
        return new FacadeProcess(process, BaseUriOn(port));
    }

    private static Uri BaseUriOn(int port) => new($"http://127.0.0.1:{port}/");

    /// <summary>Kills the process (SIGKILL, no chance to clean up) and waits for it to be gone.</summary>
    public ValueTask DisposeAsync()
    {
        Client.Dispose();
        return Process.DisposeAsync();
    }
}
