using Daemon.InWorkspace.Api;
using Daemon.Tests.Linux;
using Grpc.Core;

namespace Daemon.Tests.InWorkspace;

/// <summary>WorkspaceInfo and EvacuateCGroup on real cgroups.</summary>
public sealed class CGroupTests
{
    [CGroupV1Fact]
    public async Task WorkspaceInfoReportsUseAndLimitsOfAV1CGroup()
    {
        using var cgroup = new TestCGroup(CGroupHierarchies.Cpu, CGroupHierarchies.CpuAccounting, CGroupHierarchies.Memory);
        File.WriteAllText(Path.Combine(cgroup.In(CGroupHierarchies.Cpu), "cpu.cfs_period_us"), "100000");
        File.WriteAllText(Path.Combine(cgroup.In(CGroupHierarchies.Cpu), "cpu.cfs_quota_us"), "50000");
        File.WriteAllText(Path.Combine(cgroup.In(CGroupHierarchies.Memory), "memory.limit_in_bytes"), (256L << 20).ToString(System.Globalization.CultureInfo.InvariantCulture));
        cgroup.Start("sh -c 'while :; do :; done'");
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var channel = await host.ServeAsync(IdMappingTests.Registration(workspace, cgroup: cgroup.Name));

        var info = (await new InWorkspaceService.InWorkspaceServiceClient(channel).WorkspaceInfoAsync(new WorkspaceInfoRequest())).Resources;

        Assert.Equal(500, info.Cpu.Limit);
        // A busy loop under a 500 millicore quota uses up to the quota; a loaded machine may give it less.
        Assert.InRange(info.Cpu.Used, 50, 650);
        Assert.Equal(256L << 20, info.Memory.Limit);
        Assert.InRange(info.Memory.Used, 1, 256L << 20);

        var viaInfoService = (await new WorkspaceInfoService.WorkspaceInfoServiceClient(channel).WorkspaceInfoAsync(new WorkspaceInfoRequest())).Resources;
        Assert.Equal(500, viaInfoService.Cpu.Limit);
        Assert.Equal(256L << 20, viaInfoService.Memory.Limit);
    }

    [NamespacesFact]
    public async Task WorkspaceInfoWithoutCGroupIsAFailedPrecondition()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.WorkspaceInfoAsync(new WorkspaceInfoRequest()).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
    }

    [UnifiedCGroupFact]
    public async Task EvacuateMovesTheWorkspaceProcessesIntoALeafOnce()
    {
        using var cgroup = new TestCGroup(CGroupHierarchies.Unified);
        var first = cgroup.Start("sleep 300");
        var second = cgroup.Start("sleep 300");
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?> { ["CGroupRoot"] = CGroupHierarchies.Unified });
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace, cgroup: cgroup.Name)));

        await client.EvacuateCGroupAsync(new EvacuateCGroupRequest());

        var directory = cgroup.In(CGroupHierarchies.Unified);
        Assert.Empty(File.ReadAllLines(Path.Combine(directory, "cgroup.procs")));
        var leaf = File.ReadAllLines(Path.Combine(directory, "workspace", "cgroup.procs")).Select(int.Parse).ToHashSet();
        Assert.Contains(first.Id, leaf);
        Assert.Contains(second.Id, leaf);
        var available = File.ReadAllText(Path.Combine(directory, "cgroup.controllers")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(available.Order(), File.ReadAllText(Path.Combine(directory, "cgroup.subtree_control")).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());

        var again = await Assert.ThrowsAsync<RpcException>(() => client.EvacuateCGroupAsync(new EvacuateCGroupRequest()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, again.StatusCode);

        // On v2 without a cpu controller the limit is the whole host.
        var info = await client.WorkspaceInfoAsync(new WorkspaceInfoRequest());
        Assert.Equal(Environment.ProcessorCount * 1000L, info.Resources.Cpu.Limit);
    }
}
