using System.Diagnostics.Metrics;
using Daemon.InWorkspace;
using Daemon.Linux.CGroups;
using Daemon.ResourceLimiting;
using Daemon.Tests.Linux;
using Facade.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Daemon.Tests.InWorkspace.ResourceLimiting;

/// <summary>The limit writer and the limiter on real v1 cgroups.</summary>
public sealed class CpuLimiterTests
{
    private static string Quota(TestCGroup cgroup) => File.ReadAllText(Path.Combine(cgroup.In(CGroupHierarchies.Cpu), "cpu.cfs_quota_us")).Trim();

    [CGroupV1Fact]
    public void WriterSetsTheQuotaTheReaderSees()
    {
        using var cgroup = new TestCGroup(CGroupHierarchies.Cpu, CGroupHierarchies.CpuAccounting, CGroupHierarchies.Memory);
        var layout = CGroupLayout.Detect(CGroupHierarchies.Root);

        CpuLimitWriter.Write(layout, cgroup.Name, 750);

        Assert.Equal("75000", Quota(cgroup));
        Assert.Equal(750, CGroupStatsReader.Read(layout, cgroup.Name).CpuLimitMillicores);
    }

    [Fact]
    public void WriterWritesCpuMaxOnTheUnifiedLayout()
    {
        using var root = new TempDir("iws-v2");
        root.CreateDirectory("ws");
        CpuLimitWriter.Write(CGroupLayout.Of(root.Path, unified: true), "ws", 1250);
        Assert.Equal("125000 100000", File.ReadAllText(root.Combine("ws", "cpu.max")));
    }

    [CGroupV1Fact]
    public async Task ThrottledWorkspaceBurstsWhileAnIdleOneKeepsTheMinimum()
    {
        using var busy = new TestCGroup(CGroupHierarchies.Cpu, CGroupHierarchies.CpuAccounting, CGroupHierarchies.Memory);
        using var idle = new TestCGroup(CGroupHierarchies.Cpu, CGroupHierarchies.CpuAccounting, CGroupHierarchies.Memory);
        busy.Start("sh -c 'while :; do :; done'");
        idle.Start("sleep 300");
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var measurements = new List<(string Name, long Value)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == ResourceLimitingMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            lock (measurements)
            {
                measurements.Add((instrument.Name, value));
            }
        });
        listener.Start();

        var limiter = new CpuLimiterService(
            new FixedWorkspaces([new LimitedWorkspace("busy", busy.Name), new LimitedWorkspace("idle", idle.Name)]),
            Options.Create(new ResourceLimitingOptions { TotalMillicores = 1200, MinimumMillicores = 200, BurstMillicores = 900 }),
            Options.Create(new InWorkspaceOptions { CGroupRoot = CGroupHierarchies.Root }),
            new ResourceLimitingMetrics(services.GetRequiredService<IMeterFactory>()),
            TimeProvider.System,
            NullLogger<CpuLimiterService>.Instance);

        limiter.RunOnce();
        Assert.Equal("20000", Quota(busy));
        Assert.Equal("20000", Quota(idle));

        // Under a 200 millicore quota the busy loop is throttled in nearly every 100 ms period.
        await Task.Delay(700);
        limiter.RunOnce();
        Assert.Equal("90000", Quota(busy));
        Assert.Equal("20000", Quota(idle));

        lock (measurements)
        {
            Assert.Equal(3, measurements.Count(m => m.Name == "daemon.resource_limiting.limit_writes"));
            Assert.Contains(measurements, m => m.Name == "daemon.resource_limiting.cpu_limit" && m.Value == 900);
            Assert.Equal(2, measurements.Count(m => m.Name == "daemon.resource_limiting.rounds"));
        }
    }

    [CGroupV1Fact]
    public async Task TheHostedLimiterManagesRegisteredWorkspaces()
    {
        using var cgroup = new TestCGroup(CGroupHierarchies.Cpu, CGroupHierarchies.CpuAccounting, CGroupHierarchies.Memory);
        cgroup.Start("sleep 300");
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Daemon:ResourceLimiting:Enabled"] = "true",
            ["Daemon:ResourceLimiting:Interval"] = "00:00:00.200",
            ["Daemon:ResourceLimiting:TotalMillicores"] = "1000",
            ["Daemon:ResourceLimiting:MinimumMillicores"] = "300",
            ["Daemon:ResourceLimiting:BurstMillicores"] = "600",
        });
        await host.Registry.RegisterAsync(IdMappingTests.Registration(workspace, cgroup: cgroup.Name));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Quota(cgroup) != "30000" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal("30000", Quota(cgroup));
    }

    private sealed class FixedWorkspaces(IReadOnlyList<LimitedWorkspace> workspaces) : ILimitedWorkspaces
    {
        public IReadOnlyList<LimitedWorkspace> Current() => workspaces;
    }
}
