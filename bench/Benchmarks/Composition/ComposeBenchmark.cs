using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Facade.Benchmarks.Columns;
using Facade.Shared.Composition;

namespace Facade.Benchmarks.Composition;

/// <summary>
/// Composition of a cached spec: the base and add-on images are already resolved, so this is
/// the CPU and allocation cost the facade pays per composed manifest it has to build.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(TailConfig))]
public class ComposeBenchmark
{
    /// <summary>The target is stated as a mean with its p99 reported: show P95 and P99 next to the mean.</summary>
    private sealed class TailConfig : ManualConfig
    {
        public TailConfig() => AddColumn(StatisticColumn.P95, new PercentileColumn(99));
    }

    private PlanInput _planInput = null!;
    private ComposeInput _composeInput = null!;
    private byte[] _baseManifest = null!;
    private byte[] _baseConfig = null!;

    [GlobalSetup]
    public void Setup()
    {
        _baseManifest = RealisticImages.BaseManifest(10);
        _baseConfig = RealisticImages.BaseConfig(10);
        // Four addenda: one IDE layer (after skip-n=1), the supervisor, one IDE layer image, one content layer.
        _planInput = new PlanInput(
            [],
            RealisticImages.Addon("ide/code", 2, ["GITPOD_ENV_APPEND_PATH=/ide/bin:", "GITPOD_ENV_SET_EDITOR=code"], skip: 1),
            RealisticImages.Addon("supervisor", 1, ["GITPOD_ENV_PREPEND_PATH=:/.supervisor", "GITPOD_ENV_SET_GITPOD_SUPERVISOR=1"]),
            [RealisticImages.Addon("ide/jetbrains-backend", 1, ["GITPOD_ENV_SET_JETBRAINS_HOME=/ide-desktop"])],
            [new DirectContent(new byte[4096])]);
        _composeInput = CompositionPlanner.Plan(_planInput).ToComposeInput(_baseManifest, _baseConfig, RealisticImages.BaseRef);
    }

    /// <summary>Only the streaming rewrite of manifest and config, with both digests.</summary>
    [Benchmark(Baseline = true)]
    public ComposeResult Compose() => ImageComposer.Compose(_composeInput);

    /// <summary>Planning (reading the add-on images, hashing the content layer) and composing.</summary>
    [Benchmark]
    public ComposeResult PlanAndCompose() =>
        ImageComposer.Compose(CompositionPlanner.Plan(_planInput).ToComposeInput(_baseManifest, _baseConfig, RealisticImages.BaseRef));
}
