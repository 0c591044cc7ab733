using Facade.Ipfs;
using Facade.TestSupport;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Ipfs;

/// <summary>
/// A real js-ipfs node for the tests of a collection: installed once through
/// <c>scripts/ipfs/install.sh</c>, started by <c>start.sh</c> on random loopback ports in a temp
/// repo, stopped by <c>stop.sh</c> (whole process group) and removed at the end.
/// </summary>
public sealed class IpfsNodeFixture : IAsyncLifetime
{
    private readonly TempDir _repo = new("facade-ipfs");
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout.InfiniteTimeSpan };

    /// <summary>The node's RPC API base URL.</summary>
    public string ApiUrl { get; private set; } = "";

    /// <summary>How long install and start took, for the record.</summary>
    public TimeSpan InstallTime { get; private set; }

    /// <summary>How long the start took.</summary>
    public TimeSpan StartTime { get; private set; }

    public async Task InitializeAsync()
    {
        if (!ScriptRunner.OnPath("node") || !ScriptRunner.OnPath("npm"))
            throw new InvalidOperationException("node and npm are required for the IPFS tests (apt-get install nodejs npm)");
        var scripts = Path.Combine(ScriptRunner.RepositoryRoot, "scripts", "ipfs");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await ScriptRunner.RunAsync(Path.Combine(scripts, "install.sh"), [], TimeSpan.FromMinutes(8));
        InstallTime = clock.Elapsed;

        clock.Restart();
        var apiPort = FreePort.Next();
        var swarmPort = FreePort.Next();
        await ScriptRunner.RunAsync(Path.Combine(scripts, "start.sh"),
            [_repo.Path, apiPort.ToString(System.Globalization.CultureInfo.InvariantCulture), swarmPort.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(2));
        StartTime = clock.Elapsed;
        ApiUrl = $"http://127.0.0.1:{apiPort}";
    }

    /// <summary>A client for the node with the given node-side and read timeouts.</summary>
    internal KuboClient CreateClient(TimeSpan? timeout = null, TimeSpan? readTimeout = null) =>
        new(_http, Options.Create(new IpfsOptions
        {
            Api = ApiUrl,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
            ReadTimeout = readTimeout ?? TimeSpan.FromSeconds(30),
        }));

    public async Task DisposeAsync()
    {
        _http.Dispose();
        try
        {
            await ScriptRunner.RunAsync(Path.Combine(ScriptRunner.RepositoryRoot, "scripts", "ipfs", "stop.sh"), [_repo.Path], TimeSpan.FromSeconds(30));
        }
        finally
        {
            _repo.Dispose();
        }
    }
}
