using System.Security.Cryptography;
using Daemon.InWorkspace.Api;
using Daemon.Linux;
using Daemon.Tests.Linux;
using Grpc.Core;

namespace Daemon.Tests.InWorkspace;

/// <summary>SetupPairVeths against a real network namespace, and its teardown.</summary>
public sealed class VethTests
{
    [NamespacesFact]
    public async Task ConnectsTheWorkspaceNetworkNamespaceAndTearsItDown()
    {
        // A random /24 in 10.0.0.0/8 keeps parallel runs apart.
        var octets = RandomNumberGenerator.GetBytes(2);
        var prefix = $"10.{100 + (octets[0] % 100)}.{octets[1]}";
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Network:HostAddress"] = prefix + ".1/24",
            ["Network:WorkspaceAddress"] = prefix + ".2/24",
        });
        var registration = IdMappingTests.Registration(workspace);
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(registration));
        var plan = VethPlan.For(registration.Id, prefix + ".1/24", prefix + ".2/24", "ceth0");
        try
        {
            await client.SetupPairVethsAsync(new SetupPairVethsRequest { Pid = 1 });

            var inside = workspace.Enter("--net", "ip", "-o", "-4", "addr", "show", "dev", "ceth0");
            Assert.Contains($"inet {prefix}.2/24", inside, StringComparison.Ordinal);
            Assert.Contains($"default via {prefix}.1 dev ceth0", workspace.Enter("--net", "ip", "route"), StringComparison.Ordinal);
            var hostSide = await CommandRunner.RunCheckedAsync("ip", ["-o", "-4", "addr", "show", "dev", plan.HostInterface], TimeSpan.FromSeconds(10));
            Assert.Contains($"inet {prefix}.1/24", hostSide, StringComparison.Ordinal);
            var nat = await CommandRunner.RunCheckedAsync("iptables", ["-w", "5", "-t", "nat", "-S", "POSTROUTING"], TimeSpan.FromSeconds(10));
            Assert.Contains(nat.Split('\n'), l => l.Contains($"-s {prefix}.0/24", StringComparison.Ordinal) && l.Contains(plan.Comment, StringComparison.Ordinal) && l.Contains("MASQUERADE", StringComparison.Ordinal));
            // The pair carries traffic: the workspace reaches the host end (ARP resolves across the link).
            workspace.Enter("--net", "timeout", "3", "bash", "-c", $"exec 3<>/dev/tcp/{prefix}.1/9 2>/dev/null; true");
            Assert.Contains($"{prefix}.1", workspace.Enter("--net", "ip", "neigh", "show", "dev", "ceth0"), StringComparison.Ordinal);

            var again = await Assert.ThrowsAsync<RpcException>(() => client.SetupPairVethsAsync(new SetupPairVethsRequest { Pid = 1 }).ResponseAsync);
            Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);

            Assert.True((await client.TeardownAsync(new TeardownRequest())).Success);
            Assert.False((await CommandRunner.RunAsync("ip", ["link", "show", plan.HostInterface], TimeSpan.FromSeconds(10))).Succeeded);
            var natAfter = await CommandRunner.RunCheckedAsync("iptables", ["-w", "5", "-t", "nat", "-S", "POSTROUTING"], TimeSpan.FromSeconds(10));
            Assert.DoesNotContain(plan.Comment, natAfter, StringComparison.Ordinal);
        }
        finally
        {
            await new VethPairs(TimeSpan.FromSeconds(10)).TeardownAsync(plan, CancellationToken.None);
        }
    }

    [NamespacesFact]
    public async Task RefusesForeignPidsAndCreatesNothing()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var registration = IdMappingTests.Registration(workspace);
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(registration));
        var plan = VethPlan.For(registration.Id, "10.0.5.1/24", "10.0.5.2/24", "ceth0");

        var foreign = await Assert.ThrowsAsync<RpcException>(() => client.SetupPairVethsAsync(new SetupPairVethsRequest { Pid = Environment.ProcessId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, foreign.StatusCode);
        var invalid = await Assert.ThrowsAsync<RpcException>(() => client.SetupPairVethsAsync(new SetupPairVethsRequest { Pid = 0 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);

        Assert.False((await CommandRunner.RunAsync("ip", ["link", "show", plan.HostInterface], TimeSpan.FromSeconds(10))).Succeeded);
        Assert.DoesNotContain("ceth0", workspace.Enter("--net", "ip", "link"), StringComparison.Ordinal);
    }
}
