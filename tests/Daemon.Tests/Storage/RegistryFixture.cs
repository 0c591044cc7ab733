using Daemon.Hosting;
using Daemon.Tests.Content.Support;

namespace Daemon.Tests.Storage;

/// <summary>Starts Debian's docker-registry (distribution) on a free port with a temp root directory; killed on dispose.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Repository = "workspace-content";
    private readonly TempDirectory _dir = new("daemon-registry");
    private ExternalProcess? _process;

    /// <summary>Why the registry is not available, or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The registry base URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Where the registry keeps its files (for tampering in tests).</summary>
    public string StorageRoot => _dir.Combine("data");

    /// <summary>Backend settings for the registry.</summary>
    internal OciStorageOptions Options => new() { Registry = Url, Repository = Repository };

    /// <summary>Daemon settings that select this registry.</summary>
    public Dictionary<string, string?> DaemonSettings => new()
    {
        ["Storage:Kind"] = "Oci",
        ["Storage:Oci:Registry"] = Url,
        ["Storage:Oci:Repository"] = Repository,
    };

    public async Task InitializeAsync()
    {
        if (!ExternalProcess.OnPath("docker-registry"))
        {
            SkipReason = "docker-registry is not installed (apt-get install docker-registry); the OCI storage tests need it";
            Console.WriteLine(SkipReason);
            return;
        }
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}";
        var config = _dir.Combine("config.yml");
        File.WriteAllText(config, $"""
            version: 0.1
            log:
              level: error
            storage:
              filesystem:
                rootdirectory: {StorageRoot}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        _process = ExternalProcess.Start("docker-registry", "serve", config);
        await FreePort.WaitUntilListeningAsync(port, TimeSpan.FromSeconds(30), () => _process.HasExited);
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        _dir.Dispose();
        return Task.CompletedTask;
    }
}
