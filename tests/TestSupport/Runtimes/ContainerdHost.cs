namespace Facade.TestSupport;

/// <summary>
/// A private containerd (own root, state, and a gRPC socket in a temp dir; CRI and the snapshotters
/// that need special filesystems disabled) with helpers around <c>ctr</c>: pull through a
/// <c>hosts.toml</c> directory with the <c>native</c> snapshotter, list images, content and
/// snapshots, and find files in unpacked snapshots. Dispose stops containerd, unmounts anything it
/// left under its root and deletes the directory. Needs root.
/// </summary>
public sealed class ContainerdHost : IAsyncDisposable
{
    /// <summary>The daemon this fixture runs.</summary>
    public const string Program = "containerd";

    /// <summary>The command-line client used by the helpers.</summary>
    public const string Ctr = "ctr";

    /// <summary>The snapshotter used for unpacking: plain directories, no overlay quirks.</summary>
    public const string Snapshotter = "native";

    private readonly TempDir _dir;
    private readonly string _ctr;
    private ProcessHost? _process;

    private ContainerdHost(TempDir dir, string ctr)
    {
        _dir = dir;
        _ctr = ctr;
        HostsDirectory = dir.CreateDirectory("hosts");
    }

    /// <summary>The gRPC socket path.</summary>
    public string Address => _dir["c.sock"];

    /// <summary>The containerd namespace used by every helper.</summary>
    public string Namespace { get; } = "facade-test";

    /// <summary>The <c>--hosts-dir</c> directory (one sub-directory per registry host).</summary>
    public string HostsDirectory { get; }

    /// <summary>containerd's root directory.</summary>
    public string Root => _dir["root"];

    /// <summary>The daemon's last output lines.</summary>
    public string Output => _process?.Output.ToString() ?? "";

    /// <summary>Starts containerd and waits for its socket.</summary>
    public static async Task<ContainerdHost> StartAsync()
    {
        var daemon = RequiredTool.Require(Program);
        var host = new ContainerdHost(new TempDir("ctd"), RequiredTool.Require(Ctr));
        try
        {
            var config = host._dir.WriteFile("config.toml", ContainerdConfig.Render(host._dir.Path, host.Root, host._dir["state"], host.Address));
            host._process = ProcessHost.Start(daemon, ["--config", config, "--log-level", "info"]);
            await host._process.WaitForFileAsync(host.Address);
            (await host.CtrAsync("version")).EnsureSuccess();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Writes <c>hosts.toml</c> for <paramref name="registryHost"/> (as it appears in image
    /// references, e.g. <c>127.0.0.1:5000</c>) sending requests to <paramref name="server"/>
    /// (plain http allowed); with <paramref name="mirror"/> set, the registry's pulls go to the
    /// mirror first (containerd adds <c>?ns=</c>) and fall back to <paramref name="server"/>.
    /// </summary>
    public void ConfigureHost(string registryHost, Uri server, Uri? mirror = null)
    {
        var directory = Directory.CreateDirectory(Path.Combine(HostsDirectory, registryHost)).FullName;
        File.WriteAllText(Path.Combine(directory, "hosts.toml"), ContainerdConfig.HostsToml(server, mirror));
    }

    /// <summary>Runs <c>ctr --address &lt;socket&gt; --namespace &lt;ns&gt; args...</c>.</summary>
    public Task<ToolResult> CtrAsync(params string[] arguments) =>
        Tool.RunAsync(_ctr, ["--address", Address, "--namespace", Namespace, .. arguments], TimeSpan.FromMinutes(3));

    /// <summary>
    /// Pulls and unpacks an image through the hosts directory; the result says how it went.
    /// <paramref name="user"/> (<c>user:password</c>) is passed as <c>--user</c>: containerd's host credentials.
    /// </summary>
    public Task<ToolResult> PullAsync(string reference, string? platform = null, string? user = null) =>
        CtrAsync(["images", "pull", "--hosts-dir", HostsDirectory, "--snapshotter", Snapshotter,
            .. platform is null ? Array.Empty<string>() : ["--platform", platform],
            .. user is null ? Array.Empty<string>() : ["--user", user], reference]);

    /// <summary>Image names known to containerd.</summary>
    public async Task<IReadOnlyList<string>> ListImagesAsync() => Lines((await CtrAsync("images", "ls", "-q")).EnsureSuccess());

    /// <summary>Digests in the content store.</summary>
    public async Task<IReadOnlyList<string>> ListContentAsync() =>
        Lines((await CtrAsync("content", "ls", "-q")).EnsureSuccess());

    /// <summary>Snapshot keys of the native snapshotter.</summary>
    public async Task<IReadOnlyList<string>> ListSnapshotsAsync() =>
        Lines((await CtrAsync("snapshots", "--snapshotter", Snapshotter, "ls")).EnsureSuccess())
            .Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToArray();

    /// <summary>Paths of a file (relative to an image root) in every unpacked native snapshot that has it.</summary>
    public IReadOnlyList<string> FindUnpackedFile(string relativePath)
    {
        var snapshots = Path.Combine(Root, "io.containerd.snapshotter.v1.native", "snapshots");
        if (!Directory.Exists(snapshots)) return [];
        return Directory.EnumerateDirectories(snapshots)
            .Select(d => Path.Combine(d, relativePath))
            .Where(File.Exists)
            .ToArray();
    }

    private static string[] Lines(ToolResult result) =>
        result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(5));
            await _process.DisposeAsync();
        }
        await Mounts.UnmountUnderAsync(_dir.Path);
        _dir.Dispose();
    }
}
