using System.Net;
using System.Net.Sockets;

namespace Facade.TestSupport;

/// <summary>Finds TCP ports on 127.0.0.1 that are free at the moment of asking.</summary>
public static class FreePort
{
    /// <summary>
    /// A port the kernel just handed out and released. Another process may take it before the
    /// caller binds it, so starters of external servers retry with a new port when binding fails.
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
