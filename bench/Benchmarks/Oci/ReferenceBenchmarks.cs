using BenchmarkDotNet.Attributes;
using Facade.Shared.Oci;

namespace Facade.Benchmarks.Oci;

/// <summary>Image reference parsing and normalisation, short and fully qualified forms.</summary>
[MemoryDiagnoser]
public class ReferenceBenchmarks
{
    /// <summary>The references to parse.</summary>
    public static IEnumerable<string> Inputs =>
    [
        "alpine",
        "registry.example.com:5000/team/app:1.2.3",
        "registry.example.com/team/app@sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b",
    ];

    /// <summary>The reference under test.</summary>
    [ParamsSource(nameof(Inputs))]
    public string Text { get; set; } = "";

    /// <summary>Parses and normalises the reference.</summary>
    [Benchmark]
    public Reference Parse() => Reference.Parse(Text);
}
