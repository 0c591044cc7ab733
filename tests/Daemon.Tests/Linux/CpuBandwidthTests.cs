using Daemon.Linux.CGroups;

namespace Daemon.Tests.Linux;

/// <summary>Conversions between bandwidth files and millicores.</summary>
public sealed class CpuBandwidthTests
{
    [Theory]
    [InlineData("max 100000", null)]
    [InlineData("max", null)]
    [InlineData("", null)]
    [InlineData("50000 100000", 500L)]
    [InlineData("200000 100000\n", 2000L)]
    [InlineData("100000 50000", 2000L)]
    [InlineData("75000", 750L)]
    [InlineData("garbage 100000", null)]
    [InlineData("50000 0", null)]
    public void ParsesCpuMax(string text, long? millicores) => Assert.Equal(millicores, CpuBandwidth.ParseCpuMax(text));

    [Theory]
    [InlineData(500, "50000 100000")]
    [InlineData(2000, "200000 100000")]
    [InlineData(5, "1000 100000")] // the kernel refuses quotas below 1 ms
    public void FormatsCpuMax(long millicores, string expected) => Assert.Equal(expected, CpuBandwidth.FormatCpuMax(millicores));

    [Theory]
    [InlineData(-1L, 100000L, null)]
    [InlineData(25000L, 100000L, 250L)]
    [InlineData(25000L, null, null)]
    public void ConvertsV1Quota(long? quota, long? period, long? millicores) => Assert.Equal(millicores, CpuBandwidth.ToMillicores(quota, period));
}
