using System.Globalization;

namespace Daemon.Linux;

/// <summary>
/// Creates and removes a workspace's veth pair with the ip and iptables tools: one end stays on the
/// host, the other moves into the workspace's network namespace with an address and a default route,
/// and the workspace's subnet is masqueraded when leaving through any other interface.
/// </summary>
internal sealed class VethPairs(TimeSpan timeout)
{
    /// <summary>Sets up <paramref name="plan"/> for the network namespace of <paramref name="hostPid"/>; rolls back on failure.</summary>
    public async Task SetupAsync(VethPlan plan, int hostPid, CancellationToken cancellationToken)
    {
        var pid = hostPid.ToString(CultureInfo.InvariantCulture);
        await Ip(cancellationToken, "link", "add", plan.HostInterface, "type", "veth", "peer", "name", plan.PeerTemporaryName).ConfigureAwait(false);
        try
        {
            await Ip(cancellationToken, "link", "set", plan.PeerTemporaryName, "netns", pid).ConfigureAwait(false);
            await InWorkspace(pid, cancellationToken, "link", "set", plan.PeerTemporaryName, "name", plan.WorkspaceInterface).ConfigureAwait(false);
            await InWorkspace(pid, cancellationToken, "addr", "add", plan.WorkspaceAddress, "dev", plan.WorkspaceInterface).ConfigureAwait(false);
            await InWorkspace(pid, cancellationToken, "link", "set", plan.WorkspaceInterface, "up").ConfigureAwait(false);
            await InWorkspace(pid, cancellationToken, "link", "set", "lo", "up").ConfigureAwait(false);
            await Ip(cancellationToken, "addr", "add", plan.HostAddress, "dev", plan.HostInterface).ConfigureAwait(false);
            await Ip(cancellationToken, "link", "set", plan.HostInterface, "up").ConfigureAwait(false);
            await InWorkspace(pid, cancellationToken, "route", "replace", "default", "via", plan.Gateway, "dev", plan.WorkspaceInterface).ConfigureAwait(false);
            await CommandRunner.RunCheckedAsync("iptables", NatRule("-A", plan), timeout, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await TeardownAsync(plan, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Removes the NAT rule and the pair (deleting one end deletes both); true when anything was removed.</summary>
    public async Task<bool> TeardownAsync(VethPlan plan, CancellationToken cancellationToken)
    {
        var removed = false;
        // A rule may have been added more than once by an interrupted setup; delete until none is left.
        for (var i = 0; i < 8; i++)
        {
            var result = await CommandRunner.RunAsync("iptables", NatRule("-D", plan), timeout, cancellationToken).ConfigureAwait(false);
            if (!result.Succeeded)
            {
                break;
            }

            removed = true;
        }

        var link = await CommandRunner.RunAsync("ip", ["link", "del", plan.HostInterface], timeout, cancellationToken).ConfigureAwait(false);
        return removed | link.Succeeded;
    }

    private static string[] NatRule(string action, VethPlan plan) =>
        ["-w", "5", "-t", "nat", action, "POSTROUTING", "-s", plan.Subnet, "!", "-o", plan.HostInterface, "-m", "comment", "--comment", plan.Comment, "-j", "MASQUERADE"];

    private Task<string> Ip(CancellationToken cancellationToken, params string[] args) =>
        CommandRunner.RunCheckedAsync("ip", args, timeout, cancellationToken);

    private Task<string> InWorkspace(string pid, CancellationToken cancellationToken, params string[] args) =>
        CommandRunner.RunCheckedAsync("nsenter", ["--target", pid, "--net", "--", "ip", .. args], timeout, cancellationToken);
}
