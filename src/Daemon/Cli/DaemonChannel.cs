using System.Net.Sockets;
using Grpc.Net.Client;

namespace Daemon.Cli;

/// <summary>Opens a gRPC channel to the daemon at <c>unix:/path</c> or <c>http://host:port</c>.</summary>
internal static class DaemonChannel
{
    /// <summary>A channel for the address; the caller disposes it.</summary>
    public static GrpcChannel Open(string address)
    {
        if (!address.StartsWith("unix:", StringComparison.Ordinal))
            return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = new SocketsHttpHandler { UseProxy = false } });

        var path = address["unix:".Length..];
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        // The host part is a placeholder: every connection goes to the socket.
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions { HttpHandler = handler });
    }
}
