using System.Diagnostics.Metrics;

namespace Daemon.ResourceLimiting;

/// <summary>Instruments of the CPU limiter, on the meter "Daemon.ResourceLimiting".</summary>
internal sealed class ResourceLimitingMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "Daemon.ResourceLimiting";

    private readonly Counter<long> writes;
    private readonly Counter<long> failures;
    private readonly Histogram<long> limits;
    private readonly Counter<long> rounds;

    /// <summary>Creates the instruments through the host's meter factory.</summary>
    public ResourceLimitingMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(MeterName);
        rounds = meter.CreateCounter<long>("daemon.resource_limiting.rounds", description: "Distribution rounds run");
        writes = meter.CreateCounter<long>("daemon.resource_limiting.limit_writes", description: "CPU limits written to cgroups");
        failures = meter.CreateCounter<long>("daemon.resource_limiting.failures", description: "Cgroups that could not be read or written");
        limits = meter.CreateHistogram<long>("daemon.resource_limiting.cpu_limit", unit: "millicores", description: "CPU limits assigned");
    }

    /// <summary>Counts a round.</summary>
    public void Round() => rounds.Add(1);

    /// <summary>Records a written limit.</summary>
    public void Written(long millicores, bool wantsMore)
    {
        writes.Add(1);
        limits.Record(millicores, new KeyValuePair<string, object?>("demand", wantsMore ? "burst" : "minimum"));
    }

    /// <summary>Counts a cgroup that failed.</summary>
    public void Failed() => failures.Add(1);
}
