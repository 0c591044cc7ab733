using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Facade.Shared.Oci;

namespace Facade.Benchmarks.Oci;

/// <summary>Manifest read (typed view) and write (source-generated serializer) of a six-descriptor manifest.</summary>
[MemoryDiagnoser]
public class ManifestBenchmarks
{
    private readonly byte[] _bytes = SampleManifest.Bytes;
    private ManifestDocument _document = null!;

    /// <summary>Parses the sample once for the write benchmark.</summary>
    [GlobalSetup]
    public void Setup() => _document = ManifestDocument.Parse(_bytes);

    /// <summary>Parses manifest bytes into the typed view.</summary>
    [Benchmark]
    public ManifestDocument Parse() => ManifestDocument.Parse(_bytes);

    /// <summary>Serialises the typed view to UTF-8 JSON.</summary>
    [Benchmark]
    public byte[] Write() => JsonSerializer.SerializeToUtf8Bytes(_document, OciJsonContext.Default.ManifestDocument);
}
