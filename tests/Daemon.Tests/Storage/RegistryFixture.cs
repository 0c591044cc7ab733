using Daemon.Hosting;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>The shared launcher's docker-registry (distribution) on a free port with a temp root directory; stopped on dispose.</summary>
public sealed class RegistryFixture : IAsyncLifetime
{
    public const string Repository = "workspace-content";
    private DistributionRegistry? _registry;

    /// <summary>Why the registry is not available, or null when it runs.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>The registry base URL.</summary>
    public string Url { get; private set; } = "";

    /// <summary>Where the registry keeps its files (for tampering in tests).</summary>
    public string StorageRoot => _registry?.DataDirectory ?? "";

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
        SkipReason = RequiredTool.SkipReason([DistributionRegistry.Program]);
        if (SkipReason is not null)
        {
            Console.WriteLine(SkipReason);
            return;
        }
        _registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        Url = _registry.DirectUri.GetLeftPart(UriPartial.Authority);
    }

    public async Task DisposeAsync()
    {
        if (_registry is not null) await _registry.DisposeAsync();
    }
}
