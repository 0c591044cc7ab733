using Daemon.InWorkspace.Api;
using Daemon.Linux.CGroups;
using Microsoft.Extensions.Options;

namespace Daemon.InWorkspace;

/// <summary>EvacuateCGroup and WorkspaceInfo on the workspace's cgroup.</summary>
internal sealed class CGroupOperations(IOptions<InWorkspaceOptions> options, TimeProvider clock)
{
    private CGroupLayout Layout => CGroupLayout.Detect(options.Value.CGroupRoot);

    /// <summary>Moves the workspace's processes into the evacuation leaf (v2); a no-op on v1, which has no such rule.</summary>
    public EvacuateCGroupResponse Evacuate(WorkspaceSession session)
    {
        var cgroup = CGroupOf(session);
        var layout = Layout;
        if (!layout.Unified)
        {
            return new EvacuateCGroupResponse();
        }

        try
        {
            CGroupEvacuator.Evacuate(layout, cgroup, options.Value.EvacuationLeaf);
            return new EvacuateCGroupResponse();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failures.Precondition($"cannot evacuate cgroup {cgroup}: {e.Message}");
        }
    }

    /// <summary>Samples CPU use over the configured interval and reads memory use and both limits.</summary>
    public async Task<WorkspaceInfoResponse> InfoAsync(WorkspaceSession session, CancellationToken cancellationToken)
    {
        var cgroup = CGroupOf(session);
        var layout = Layout;
        try
        {
            var start = clock.GetTimestamp();
            var first = CGroupStatsReader.Read(layout, cgroup);
            await Task.Delay(options.Value.CpuSampleInterval, clock, cancellationToken).ConfigureAwait(false);
            var second = CGroupStatsReader.Read(layout, cgroup);
            var elapsedMicros = Math.Max(1, (long)clock.GetElapsedTime(start).TotalMicroseconds);
            var used = Math.Max(0, second.CpuUsageMicros - first.CpuUsageMicros) * 1000 / elapsedMicros;
            return new WorkspaceInfoResponse
            {
                Resources = new Resources
                {
                    Cpu = new Cpu { Used = used, Limit = second.CpuLimitMillicores },
                    Memory = new Memory { Used = second.MemoryUsedBytes, Limit = second.MemoryLimitBytes },
                },
            };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw Failures.Precondition($"cannot read cgroup {cgroup}: {e.Message}");
        }
    }

    private static string CGroupOf(WorkspaceSession session) =>
        session.Registration.CGroupPath ?? throw Failures.Precondition($"workspace {session.Registration.Id} has no cgroup");
}
