using System.Globalization;
using Facade.TestSupport;

namespace Facade.Load.Ipfs;

/// <summary>
/// The project's js-ipfs node (<c>scripts/ipfs</c>): installed from the lockfile, started on
/// random loopback ports in a temp repo, stopped (whole process group) and removed on dispose.
/// </summary>
internal sealed class IpfsNode : IAsyncDisposable
{
    private readonly string _scripts;
    private readonly TempDir _repo;

    private IpfsNode(string scripts, TempDir repo, string api)
    {
        _scripts = scripts;
        _repo = repo;
        Api = api;
    }

    /// <summary>The node's RPC API base URL.</summary>
    public string Api { get; }

    public static async Task<IpfsNode> StartAsync(string repoRoot)
    {
        RequiredTool.Require("node");
        RequiredTool.Require("npm");
        var scripts = Path.Combine(repoRoot, "scripts", "ipfs");
        (await Tool.RunAsync("bash", [Path.Combine(scripts, "install.sh")], TimeSpan.FromMinutes(8))).EnsureSuccess();
        var repo = new TempDir("lbench-ipfs");
        var api = FreePort.Next();
        var swarm = FreePort.Next();
        var node = new IpfsNode(scripts, repo, $"http://127.0.0.1:{api}");
        var started = await Tool.RunAsync("bash",
            [Path.Combine(scripts, "start.sh"), repo["node"], api.ToString(CultureInfo.InvariantCulture), swarm.ToString(CultureInfo.InvariantCulture)],
            TimeSpan.FromMinutes(2));
        if (started.Succeeded) return node;
        // start.sh stops a daemon that never answered; stop.sh covers one that answered too late.
        await node.DisposeAsync();
        throw new InvalidOperationException($"js-ipfs did not start:\n{started.StandardOutput}{started.StandardError}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Tool.RunAsync("bash", [Path.Combine(_scripts, "stop.sh"), _repo["node"]], TimeSpan.FromSeconds(30));
        }
        finally
        {
            _repo.Dispose();
        }
    }
}
