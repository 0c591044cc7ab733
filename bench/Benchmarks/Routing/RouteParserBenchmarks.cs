using BenchmarkDotNet.Attributes;
using Facade.Routing;

namespace Facade.Benchmarks.Routing;

/// <summary>Splitting request paths into route kind, name and reference (runs on every request).</summary>
[MemoryDiagnoser]
public class RouteParserBenchmarks
{
    /// <summary>The paths to parse: manifest by tag, blob by digest, tag list, and a path that is no route.</summary>
    public static IEnumerable<string> Paths =>
    [
        "/v2/library/alpine/manifests/3.20",
        "/v2/team/group/app/blobs/sha256:6c3c624b58dbbcd3c0dd82b4c53f04194d1247c6eebdaab7c610cf7d66709b3b",
        "/v2/team/app/tags/list",
        "/v2/team/app/unknown/thing",
    ];

    /// <summary>The path under test.</summary>
    [ParamsSource(nameof(Paths))]
    public string Path { get; set; } = "";

    /// <summary>Parses the path; the result is an internal struct, so only whether it is a route is returned (no boxing).</summary>
    [Benchmark]
    public bool Parse() => RouteParser.Parse(Path).Route is not null;
}
