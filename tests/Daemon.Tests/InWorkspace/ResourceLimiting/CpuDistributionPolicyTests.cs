using Daemon.ResourceLimiting;

namespace Daemon.Tests.InWorkspace.ResourceLimiting;

/// <summary>The CPU distribution policy as a pure function, table-driven.</summary>
public sealed class CpuDistributionPolicyTests
{
    // Each demand is "id:throttled:used:current"; each expectation "id=limit".
    [Theory]
    [InlineData(4000, 500, 2000, "", "")]
    [InlineData(4000, 500, 2000, "a:0:100:500", "a=500")]
    [InlineData(4000, 500, 2000, "a:0:100:500,b:0:0:500", "a=500,b=500")]
    [InlineData(4000, 500, 2000, "a:3:500:500,b:0:0:500", "a=2000,b=500")]
    [InlineData(4000, 500, 2000, "a:3:500:500,b:1:500:500,c:0:10:500", "a=1750,b=1750,c=500")]
    [InlineData(4000, 500, 1000, "a:3:500:500,b:1:500:500,c:0:10:500", "a=1000,b=1000,c=500")]
    [InlineData(1000, 500, 2000, "a:3:500:500,b:1:500:500,c:0:0:500", "a=334,b=333,c=333")]
    [InlineData(1001, 500, 2000, "a:3:500:500,b:1:500:500,c:0:0:500", "a=334,b=334,c=333")]
    [InlineData(3000, 500, 2000, "a:0:1700:2000,b:0:100:2000", "a=2000,b=500")]
    [InlineData(3000, 500, 2000, "a:0:1000:2000,b:0:100:2000", "a=500,b=500")]
    [InlineData(2000, 500, 500, "a:9:500:500,b:9:500:500", "a=500,b=500")]
    public void Distributes(long budget, long minimum, long burst, string demands, string expected)
    {
        var input = demands.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => d.Split(':'))
            .Select(p => new CpuDemand(p[0], long.Parse(p[1]), long.Parse(p[2]), long.Parse(p[3])))
            .ToList();
        var want = expected.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Split('='))
            .ToDictionary(p => p[0], p => long.Parse(p[1]));

        var limits = CpuDistributionPolicy.Distribute(input, budget, minimum, burst);

        Assert.Equal(want.OrderBy(p => p.Key), limits.OrderBy(p => p.Key));
        Assert.True(limits.Values.Sum() <= Math.Max(budget, 0), "the distribution exceeds the budget");
    }

    [Fact]
    public void IsDeterministicRegardlessOfInputOrder()
    {
        var demands = Enumerable.Range(0, 7).Select(i => new CpuDemand($"w{i}", i % 2, 0, 500)).ToList();

        var forward = CpuDistributionPolicy.Distribute(demands, 4001, 500, 3000);
        var backward = CpuDistributionPolicy.Distribute(demands.AsEnumerable().Reverse().ToList(), 4001, 500, 3000);

        Assert.Equal(forward.OrderBy(p => p.Key), backward.OrderBy(p => p.Key));
        Assert.Equal(4001, forward.Values.Sum());
    }
}
