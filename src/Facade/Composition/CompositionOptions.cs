namespace Facade.Composition;

/// <summary>The <c>Facade:Composition</c> configuration section.</summary>
public sealed class CompositionOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Facade:Composition";

    /// <summary>gRPC spec providers for <c>remote/&lt;id&gt;</c>, tried in order.</summary>
    public List<SpecProviderEndpoint> SpecProviders { get; set; } = [];

    /// <summary>How long a spec from a gRPC provider is reused; zero disables the cache.</summary>
    public TimeSpan SpecCacheTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deadline of one GetImageSpec call.</summary>
    public TimeSpan SpecTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Layers added first to every composed image, in order.</summary>
    public List<StaticLayerOptions> StaticLayers { get; set; } = [];

    /// <summary>The platform picked from a multi-platform base or add-on image (<c>os/arch[/variant]</c>).</summary>
    public string Platform { get; set; } = "linux/amd64";

    /// <summary>How many composed images are kept in memory (least recently used go first).</summary>
    public int CacheEntries { get; set; } = 1024;

    /// <summary>Memory for recently composed images reused within a tag TTL and for rewritten composed manifests (each).</summary>
    public long CacheBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The JSON file behind <c>fixed/&lt;id&gt;</c>; none when empty.</summary>
    public string? FixedSpecFile { get; set; }
}
