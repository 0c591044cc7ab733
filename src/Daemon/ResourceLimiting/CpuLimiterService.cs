using Daemon.Linux.CGroups;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Daemon.ResourceLimiting;

/// <summary>
/// Periodically samples every workspace cgroup's CPU use and throttling, distributes the CPU budget
/// with <see cref="CpuDistributionPolicy"/> and writes the limits that changed.
/// </summary>
internal sealed partial class CpuLimiterService(
    ILimitedWorkspaces workspaces,
    IOptions<ResourceLimitingOptions> options,
    IOptions<InWorkspace.InWorkspaceOptions> cgroupOptions,
    ResourceLimitingMetrics metrics,
    TimeProvider clock,
    ILogger<CpuLimiterService> logger) : BackgroundService
{
    private readonly Dictionary<string, (CGroupSample Sample, long Timestamp)> previous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> written = new(StringComparer.Ordinal);

    /// <summary>Runs one round; public to the assembly so a round can be driven directly.</summary>
    public void RunOnce()
    {
        var o = options.Value;
        var layout = CGroupLayout.Detect(cgroupOptions.Value.CGroupRoot);
        var demands = new List<CpuDemand>();
        var cgroups = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var workspace in workspaces.Current())
        {
            try
            {
                var sample = CGroupStatsReader.Read(layout, workspace.CGroup);
                var now = clock.GetTimestamp();
                if (previous.TryGetValue(workspace.Id, out var last))
                {
                    var elapsed = Math.Max(1L, (long)clock.GetElapsedTime(last.Timestamp, now).TotalMicroseconds);
                    var used = Math.Max(0, sample.CpuUsageMicros - last.Sample.CpuUsageMicros) * 1000 / elapsed;
                    demands.Add(new CpuDemand(workspace.Id, sample.ThrottledPeriods - last.Sample.ThrottledPeriods, used, sample.CpuLimitMillicores));
                }
                else
                {
                    demands.Add(new CpuDemand(workspace.Id, 0, 0, sample.CpuLimitMillicores));
                }

                previous[workspace.Id] = (sample, now);
                cgroups[workspace.Id] = workspace.CGroup;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
            {
                metrics.Failed();
                LogFailed(workspace.Id, e.Message);
            }
        }

        Forget(cgroups.Keys);
        var budget = o.TotalMillicores > 0 ? o.TotalMillicores : HostResources.CpuMillicores;
        var limits = CpuDistributionPolicy.Distribute(demands, budget, o.MinimumMillicores, o.BurstMillicores);
        foreach (var demand in demands)
        {
            var limit = limits[demand.Id];
            if (written.TryGetValue(demand.Id, out var current) && current == limit)
            {
                continue;
            }

            try
            {
                CpuLimitWriter.Write(layout, cgroups[demand.Id], limit);
                written[demand.Id] = limit;
                metrics.Written(limit, demand.WantsMore(o.MinimumMillicores));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                metrics.Failed();
                LogFailed(demand.Id, e.Message);
            }
        }

        metrics.Round();
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            RunOnce();
        }
    }

    private void Forget(IEnumerable<string> live)
    {
        var keep = live.ToHashSet(StringComparer.Ordinal);
        foreach (var gone in previous.Keys.Where(k => !keep.Contains(k)).ToList())
        {
            previous.Remove(gone);
            written.Remove(gone);
        }
    }

    [LoggerMessage(EventId = 4201, Level = LogLevel.Warning, Message = "CPU limiting of workspace {WorkspaceId} failed: {Reason}")]
    private partial void LogFailed(string workspaceId, string reason);
}
