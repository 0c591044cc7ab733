namespace Facade.TestSupport;

/// <summary>What <see cref="ImageGenerator"/> should make. The same spec always gives the same bytes.</summary>
public sealed record ImageSpec
{
    /// <summary>Seed of all random content.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Approximate uncompressed size of each layer's file content, in bytes.</summary>
    public IReadOnlyList<long> LayerSizes { get; init; } = [16 * 1024];

    /// <summary>Gzip the layers (else plain tar).</summary>
    public bool Gzip { get; init; } = true;

    /// <summary>OCI or Docker schema2 media types.</summary>
    public ManifestFormat Format { get; init; } = ManifestFormat.Oci;

    /// <summary>The image's operating system.</summary>
    public string Os { get; init; } = "linux";

    /// <summary>The image's architecture.</summary>
    public string Architecture { get; init; } = "amd64";

    /// <summary>The architecture variant (e.g. <c>v8</c>), if any.</summary>
    public string? Variant { get; init; }

    /// <summary>Labels put in the config.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string> { ["org.example.generated"] = "true" };

    /// <summary>Environment put in the config.</summary>
    public IReadOnlyList<string> Env { get; init; } = ["PATH=/usr/local/bin:/usr/bin:/bin"];
}
