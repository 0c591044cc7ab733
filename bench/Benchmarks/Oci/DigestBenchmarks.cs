using BenchmarkDotNet.Attributes;
using Facade.Shared.Oci;

namespace Facade.Benchmarks.Oci;

/// <summary>Digest validation (every blob and manifest route parses one) and formatting from raw hash bytes.</summary>
[MemoryDiagnoser]
public class DigestBenchmarks
{
    private const string Sha256Text = "sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b";
    private const string Sha512Text =
        "sha512:0e3e75234abc68f4378a86b3f4b32a198ba301845b0cd6e50106e874345700cc6663a86c1ea125dc5e92be17c98f9a0f85ca9d5f595db2012f7cc3571945c123";
    private readonly byte[] _hash = Convert.FromHexString("6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b");

    /// <summary>Parses a valid sha256 digest.</summary>
    [Benchmark(Baseline = true)]
    public Digest ParseSha256() => Digest.Parse(Sha256Text);

    /// <summary>Parses a valid sha512 digest.</summary>
    [Benchmark]
    public Digest ParseSha512() => Digest.Parse(Sha512Text);

    /// <summary>Rejects a digest with an upper-case hex digit (the common invalid input).</summary>
    [Benchmark]
    public bool RejectUpperCase() => Digest.TryParse("sha256:6C3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b", out _);

    /// <summary>Formats 32 hash bytes as <c>sha256:hex</c>.</summary>
    [Benchmark]
    public Digest FormatSha256() => Digest.FromHash(DigestAlgorithm.Sha256, _hash);
}
