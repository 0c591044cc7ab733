using Facade.TestSupport;

namespace Facade.Tests.Deploy;

/// <summary>
/// The facade image run by a private containerd the way the DaemonSet runs it: host network,
/// read-only root file system, the cache directory and the settings file bind-mounted, an
/// in-memory <c>/tmp</c>. Dispose kills the task and deletes the container with its snapshot.
/// </summary>
internal sealed class FacadeContainer : IAsyncDisposable
{
    private readonly ContainerdHost _containerd;

    private FacadeContainer(ContainerdHost containerd, string id, string logFile)
    {
        _containerd = containerd;
        Id = id;
        LogFile = logFile;
    }

    /// <summary>The container (and task) id.</summary>
    public string Id { get; }

    /// <summary>Where the shim writes the program's output.</summary>
    public string LogFile { get; }

    /// <summary>What the program printed so far.</summary>
    public string Log => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>
    /// <c>ctr run</c>s <paramref name="image"/> detached with <paramref name="process"/> as its
    /// command line (ctr replaces the whole command, entry point included).
    /// </summary>
    public static async Task<FacadeContainer> RunAsync(ContainerdHost containerd, string image, IReadOnlyList<string> process,
        string cacheDirectory, string settingsFile, string logFile)
    {
        var container = new FacadeContainer(containerd, "facade-" + Guid.NewGuid().ToString("N")[..8], logFile);
        var run = await containerd.CtrAsync(["run", "--detach", "--net-host", "--read-only",
            "--snapshotter", ContainerdHost.Snapshotter, "--log-uri", "file://" + logFile,
            "--mount", $"type=bind,src={cacheDirectory},dst=/var/cache/facade,options=rbind:rw",
            "--mount", $"type=bind,src={settingsFile},dst=/app/appsettings.Production.json,options=rbind:ro",
            "--mount", "type=tmpfs,src=tmpfs,dst=/tmp,options=nosuid:nodev:size=65536k",
            image, container.Id, .. process]);
        if (!run.Succeeded)
        {
            await container.DisposeAsync();
            throw new InvalidOperationException($"ctr run failed: {run.StandardError}{run.StandardOutput}");
        }
        return container;
    }

    /// <summary>Runs <paramref name="command"/> inside the running container.</summary>
    public Task<ToolResult> ExecAsync(params string[] command) =>
        _containerd.CtrAsync(["task", "exec", "--exec-id", "probe-" + Guid.NewGuid().ToString("N")[..8], Id, .. command]);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Each step may find nothing to do (the task died or was never created); the last one
        // still has to run, so failures are ignored here and the fixture's own cleanup follows.
        await _containerd.CtrAsync("task", "rm", "--force", Id);
        await _containerd.CtrAsync("container", "rm", Id);
    }
}
