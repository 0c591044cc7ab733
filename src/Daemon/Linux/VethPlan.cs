using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Daemon.Linux;

/// <summary>The names and addresses of one workspace's veth pair; computed, never random, so teardown finds it.</summary>
/// <param name="HostInterface">The end that stays in the host's network namespace.</param>
/// <param name="PeerTemporaryName">The other end's name before it moves into the workspace.</param>
/// <param name="WorkspaceInterface">The other end's name inside the workspace.</param>
/// <param name="HostAddress">Host end address with prefix, e.g. 10.0.5.1/24.</param>
/// <param name="WorkspaceAddress">Workspace end address with prefix, e.g. 10.0.5.2/24.</param>
/// <param name="Subnet">The subnet both ends share, in CIDR form (source of the NAT rule).</param>
/// <param name="Comment">Tags the NAT rule so it can be found and removed.</param>
internal sealed record VethPlan(
    string HostInterface,
    string PeerTemporaryName,
    string WorkspaceInterface,
    string HostAddress,
    string WorkspaceAddress,
    string Subnet,
    string Comment)
{
    /// <summary>The host end's address without prefix (the workspace's default gateway).</summary>
    public string Gateway => HostAddress[..HostAddress.IndexOf('/', StringComparison.Ordinal)];

    /// <summary>Builds the plan for a workspace; throws ArgumentException for unusable addresses or names.</summary>
    public static VethPlan For(string workspaceId, string hostAddress, string workspaceAddress, string workspaceInterface)
    {
        var host = ParseAddress(hostAddress);
        var inside = ParseAddress(workspaceAddress);
        if (host.Prefix != inside.Prefix || !host.Network.Equals(inside.Network) || host.Address.Equals(inside.Address))
        {
            throw new ArgumentException($"{hostAddress} and {workspaceAddress} must be distinct addresses of one subnet");
        }

        if (workspaceInterface.Length is 0 or > 15 || !workspaceInterface.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ArgumentException($"'{workspaceInterface}' is not a valid interface name");
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(workspaceId)))[..10];
        return new VethPlan($"iws{hash}", $"iws{hash}p", workspaceInterface, hostAddress, workspaceAddress, host.Network.ToString(), $"iws:{workspaceId}");
    }

    private static (IPAddress Address, int Prefix, IPNetwork Network) ParseAddress(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var prefix)
            || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork || prefix is < 8 or > 30)
        {
            throw new ArgumentException($"'{text}' is not an IPv4 address with a prefix between 8 and 30");
        }

        return (address, prefix, new IPNetwork(Mask(address, prefix), prefix));
    }

    private static IPAddress Mask(IPAddress address, int prefix)
    {
        var value = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var masked = value & (uint.MaxValue << (32 - prefix));
        var result = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(result, masked);
        return new IPAddress(result);
    }
}
