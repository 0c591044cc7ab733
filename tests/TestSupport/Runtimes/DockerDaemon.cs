namespace Facade.TestSupport;

/// <summary>
/// A private Docker daemon (<c>dockerd</c>) for one test: its own data root, exec root, pid file and
/// API socket in a temp directory, no iptables and no bridge (nothing on the host's network
/// changes), its own containerd (dockerd starts one under the exec root), and the <c>docker</c> CLI
/// pointed at it with <c>DOCKER_HOST</c> and a private <c>DOCKER_CONFIG</c>. Registries on
/// 127.0.0.0/8 are insecure by default for dockerd, so plain-http facades work. The default storage
/// driver is tried first and <c>vfs</c> when it cannot start (overlay inside overlay). Dispose stops
/// the daemon, unmounts what it left and deletes the directory. Needs root.
/// </summary>
public sealed class DockerDaemon : IAsyncDisposable
{
    /// <summary>The daemon this launcher runs.</summary>
    public const string Program = "dockerd";

    /// <summary>The command-line client.</summary>
    public const string Cli = "docker";

    private static readonly TimeSpan StartLimit = TimeSpan.FromSeconds(60);
    private readonly TempDir _dir;
    private readonly string _cli;
    private ProcessHost? _process;

    private DockerDaemon(TempDir dir, string cli)
    {
        _dir = dir;
        _cli = cli;
        ConfigDirectory = dir.CreateDirectory("cfg");
    }

    /// <summary>The API socket.</summary>
    public string Socket => _dir["d.sock"];

    /// <summary>The CLI's <c>DOCKER_CONFIG</c> directory (its <c>config.json</c> holds logins).</summary>
    public string ConfigDirectory { get; }

    /// <summary>The storage driver the daemon runs with (null: its default).</summary>
    public string? StorageDriver { get; private set; }

    /// <summary>The daemon's last output lines (why it failed, when it did).</summary>
    public string Output => _process?.Output.ToString() ?? "";

    /// <summary>Starts dockerd and waits until the CLI gets an answer from it.</summary>
    public static async Task<DockerDaemon> StartAsync()
    {
        var daemon = RequiredTool.Require(Program);
        var cli = RequiredTool.Require(Cli);
        var failures = new List<string>();
        foreach (var driver in new[] { null, "vfs" })
        {
            var host = new DockerDaemon(new TempDir("dkd"), cli) { StorageDriver = driver };
            try
            {
                await host.RunAsync(daemon);
                return host;
            }
            catch (InvalidOperationException e)
            {
                failures.Add($"storage driver {driver ?? "default"}: {e.Message}");
                await host.DisposeAsync();
            }
        }
        throw new InvalidOperationException("dockerd did not start:\n" + string.Join("\n", failures));
    }

    private async Task RunAsync(string daemon)
    {
        // An empty config file keeps the machine's /etc/docker/daemon.json out of the test.
        var config = _dir.WriteFile("daemon.json", "{}");
        List<string> arguments =
        [
            "--config-file", config,
            "--data-root", _dir["data"],
            "--exec-root", _dir["x"],
            "--pidfile", _dir["dockerd.pid"],
            "-H", "unix://" + Socket,
            "--iptables=false", "--ip6tables=false", "--bridge=none",
            "--log-level", "info",
        ];
        if (StorageDriver is not null) arguments.AddRange(["--storage-driver", StorageDriver]);
        _process = ProcessHost.Start(daemon, arguments);
        await _process.WaitForFileAsync(Socket, StartLimit);
        var deadline = DateTime.UtcNow + StartLimit;
        while (true)
        {
            if (_process.HasExited) throw _process.Failure("exited before answering");
            var version = await DockerAsync("version", "--format", "{{.Server.Version}}");
            if (version.Succeeded) return;
            if (DateTime.UtcNow > deadline) throw _process.Failure($"did not answer within {StartLimit}: {version.StandardError}");
            await Task.Delay(100);
        }
    }

    /// <summary>Runs the CLI against this daemon, with the private config directory.</summary>
    public Task<ToolResult> DockerAsync(params string[] arguments) =>
        Tool.RunAsync(_cli, arguments, TimeSpan.FromMinutes(3), environment: new Dictionary<string, string>
        {
            ["DOCKER_HOST"] = "unix://" + Socket,
            ["DOCKER_CONFIG"] = ConfigDirectory,
        });

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            // SIGTERM lets dockerd stop its containerd and unmount its layers.
            await _process.StopAsync(TimeSpan.FromSeconds(20));
            await _process.DisposeAsync();
        }
        await Mounts.UnmountUnderAsync(_dir.Path);
        _dir.Dispose();
    }
}
