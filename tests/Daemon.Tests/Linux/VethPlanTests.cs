using Daemon.Linux;

namespace Daemon.Tests.Linux;

/// <summary>Names and addresses of veth pairs.</summary>
public sealed class VethPlanTests
{
    [Fact]
    public void DerivesStableShortNamesAndTheSubnet()
    {
        var plan = VethPlan.For("workspace-with-a-long-identifier-0123456789", "10.0.5.1/24", "10.0.5.2/24", "ceth0");

        Assert.Equal(plan, VethPlan.For("workspace-with-a-long-identifier-0123456789", "10.0.5.1/24", "10.0.5.2/24", "ceth0"));
        Assert.InRange(plan.HostInterface.Length, 4, 15);
        Assert.InRange(plan.PeerTemporaryName.Length, 4, 15);
        Assert.NotEqual(plan.HostInterface, VethPlan.For("other", "10.0.5.1/24", "10.0.5.2/24", "ceth0").HostInterface);
        Assert.Equal("10.0.5.0/24", plan.Subnet);
        Assert.Equal("10.0.5.1", plan.Gateway);
    }

    [Theory]
    [InlineData("10.0.5.1/24", "10.0.6.2/24", "ceth0")]
    [InlineData("10.0.5.1/24", "10.0.5.1/24", "ceth0")]
    [InlineData("10.0.5.1/24", "10.0.5.2/16", "ceth0")]
    [InlineData("10.0.5.1", "10.0.5.2/24", "ceth0")]
    [InlineData("fd00::1/64", "fd00::2/64", "ceth0")]
    [InlineData("10.0.5.1/24", "10.0.5.2/24", "a-name-that-is-too-long")]
    [InlineData("10.0.5.1/24", "10.0.5.2/24", "bad name")]
    public void RefusesUnusableAddressesAndNames(string host, string workspace, string name) =>
        Assert.Throws<ArgumentException>(() => VethPlan.For("ws", host, workspace, name));
}
