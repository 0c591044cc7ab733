using Daemon.Linux.CGroups;
using Facade.TestSupport;

namespace Daemon.Tests.Linux;

/// <summary>Reading cgroup v2 and v1 files laid out in a temp directory.</summary>
public sealed class CGroupStatsReaderTests : IDisposable
{
    private readonly TempDir _temp = new("iws-cg");

    private string Root => _temp.Path;

    private void Write(string relative, string content) => _temp.WriteFile(relative, content);

    [Fact]
    public void ReadsUnifiedFiles()
    {
        Write("cgroup.controllers", "cpu memory");
        Write("ws/cpu.stat", "usage_usec 123456\nuser_usec 100000\nsystem_usec 23456\nnr_periods 40\nnr_throttled 7\nthrottled_usec 9999\n");
        Write("ws/cpu.max", "150000 100000\n");
        Write("ws/memory.current", "1048576\n");
        Write("ws/memory.max", "2147483648\n");

        var layout = CGroupLayout.Detect(Root);
        var sample = CGroupStatsReader.Read(layout, "/ws/");

        Assert.True(layout.Unified);
        Assert.Equal(new CGroupSample(123456, 1500, 1048576, Math.Min(2147483648, HostResources.MemoryBytes), 7, 9999), sample);
    }

    [Fact]
    public void UnlimitedUnifiedCGroupReportsTheHost()
    {
        Write("cgroup.controllers", "cpu memory");
        Write("ws/cpu.stat", "usage_usec 5\n");
        Write("ws/cpu.max", "max 100000\n");
        Write("ws/memory.current", "10\n");
        Write("ws/memory.max", "max\n");

        var sample = CGroupStatsReader.Read(CGroupLayout.Detect(Root), "ws");

        Assert.Equal(HostResources.CpuMillicores, sample.CpuLimitMillicores);
        Assert.Equal(HostResources.MemoryBytes, sample.MemoryLimitBytes);
        Assert.Equal(0, sample.ThrottledPeriods);
    }

    [Theory]
    [InlineData("cpu", "cpuacct")]
    [InlineData("cpu,cpuacct", "cpu,cpuacct")]
    public void ReadsV1FilesFromSeparateOrCombinedHierarchies(string cpu, string accounting)
    {
        Write($"{cpu}/a/b/cpu.cfs_quota_us", "250000\n");
        Write($"{cpu}/a/b/cpu.cfs_period_us", "100000\n");
        Write($"{cpu}/a/b/cpu.stat", "nr_periods 10\nnr_throttled 3\nthrottled_time 4000000\n");
        Write($"{accounting}/a/b/cpuacct.usage", "5000000000\n");
        Write("memory/a/b/memory.usage_in_bytes", "4096\n");
        Write("memory/a/b/memory.limit_in_bytes", "9223372036854771712\n");

        var layout = CGroupLayout.Detect(Root);
        var sample = CGroupStatsReader.Read(layout, "a/b");

        Assert.False(layout.Unified);
        Assert.Equal(new CGroupSample(5_000_000, 2500, 4096, HostResources.MemoryBytes, 3, 4000), sample);
    }

    [Fact]
    public void UnlimitedV1QuotaReportsTheHostAndAMissingCGroupThrows()
    {
        Write("cpu/ws/cpu.cfs_quota_us", "-1\n");
        Write("cpu/ws/cpu.cfs_period_us", "100000\n");
        Write("cpuacct/ws/cpuacct.usage", "0\n");

        var layout = CGroupLayout.Detect(Root);

        Assert.Equal(HostResources.CpuMillicores, CGroupStatsReader.Read(layout, "ws").CpuLimitMillicores);
        Assert.Throws<DirectoryNotFoundException>(() => CGroupStatsReader.Read(layout, "gone"));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("a/../../b")]
    [InlineData("/")]
    [InlineData("")]
    [InlineData("a//b")]
    public void RefusesCGroupPathsThatLeaveTheHierarchy(string cgroup)
    {
        Assert.NotNull(CGroupLayout.Problem(cgroup));
        Assert.Throws<ArgumentException>(() => CGroupLayout.Of(Root, unified: true).DirectoryOf(cgroup, CGroupController.Cpu));
    }

    public void Dispose() => _temp.Dispose();
}
