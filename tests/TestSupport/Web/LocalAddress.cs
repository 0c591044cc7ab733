using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Facade.Shared.Client;

namespace Facade.TestSupport;

/// <summary>Addresses of this machine for tests that need a server off loopback.</summary>
public static class LocalAddress
{
    /// <summary>
    /// The first IPv4 address of an interface that is up and neither loopback nor link-local, or
    /// null: a server there is "not on loopback" for the outbound rules.
    /// </summary>
    public static IPAddress? OffLoopback() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(i => i.OperationalStatus == OperationalStatus.Up)
            .SelectMany(i => i.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork
                && OutboundGuard.Classify(a) is AddressClass.Public or AddressClass.Private);
}
