using System.Net;
using System.Net.Sockets;

namespace Facade.Tests.Ipfs;

/// <summary>Picks a loopback TCP port that is free right now (the OS chooses it).</summary>
internal static class FreeTcpPort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
