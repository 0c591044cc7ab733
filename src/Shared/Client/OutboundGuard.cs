using System.Net;
using System.Net.Sockets;

namespace Facade.Shared.Client;

/// <summary>
/// The outbound rules of one registry client. Schemes: only http and https, and never from https
/// down to http. Addresses: the registry's own host is always reachable; any other host (a
/// storage redirect, a token realm) only at public addresses or at addresses of a class the
/// registry's own addresses share. The check runs on the addresses a connection really uses (the
/// socket handler's connect callback), so a host name that resolves to 169.254.169.254 is caught
/// as surely as the literal address.
/// </summary>
public sealed class OutboundGuard(Uri registry)
{
    private readonly string _registryHost = registry.IdnHost;

    /// <summary>Throws <see cref="OutboundRefusedException"/> when following <paramref name="from"/> to <paramref name="to"/> breaks the scheme rules.</summary>
    public static void CheckScheme(Uri from, Uri to, string what)
    {
        if (to.Scheme is not ("http" or "https"))
            throw new OutboundRefusedException($"{what} to a {to.Scheme} URL refused (only http and https are followed)");
        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp)
            throw new OutboundRefusedException($"{what} from https down to http ({RegistryHost.Of(to)}) refused");
    }

    /// <summary>The class of an address (IPv4-mapped IPv6 addresses are judged as IPv4).</summary>
    public static AddressClass Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)) return AddressClass.Loopback;
        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            if (address.IsIPv6LinkLocal) return AddressClass.LinkLocal;
            return (address.GetAddressBytes()[0] & 0xFE) == 0xFC ? AddressClass.Private : AddressClass.Public;
        }
        var b = address.GetAddressBytes();
        return b switch
        {
            [0, ..] => AddressClass.Loopback,
            [169, 254, ..] => AddressClass.LinkLocal,
            [10, ..] or [192, 168, ..] => AddressClass.Private,
            [172, var second, ..] when second is >= 16 and <= 31 => AddressClass.Private,
            [100, var second, ..] when second is >= 64 and <= 127 => AddressClass.Private,
            _ => AddressClass.Public,
        };
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that applies the address rule.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = await ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(endpoint.Host, _registryHost, StringComparison.OrdinalIgnoreCase))
            addresses = await AllowedAsync(endpoint.Host, addresses, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private async Task<IPAddress[]> AllowedAsync(string host, IPAddress[] addresses, CancellationToken cancellationToken)
    {
        HashSet<AddressClass>? home = null;
        var allowed = new List<IPAddress>(addresses.Length);
        foreach (var address in addresses)
        {
            var kind = Classify(address);
            if (kind != AddressClass.Public)
            {
                home ??= await HomeClassesAsync(cancellationToken).ConfigureAwait(false);
                if (!home.Contains(kind)) continue;
            }
            allowed.Add(address);
        }
        if (allowed.Count == 0)
            throw new OutboundRefusedException(
                $"connection to {host} refused: it resolves to {Describe(Classify(addresses[0]))} addresses, and registry {_registryHost} does not live there");
        return allowed.ToArray();
    }

    private static string Describe(AddressClass kind) => kind switch
    {
        AddressClass.LinkLocal => "link-local",
        AddressClass.Loopback => "loopback",
        _ => "private",
    };

    /// <summary>The classes of the registry's own addresses (resolved afresh: connections are pooled, so this is rare).</summary>
    private async Task<HashSet<AddressClass>> HomeClassesAsync(CancellationToken cancellationToken)
    {
        try
        {
            var own = await ResolveAsync(_registryHost, cancellationToken).ConfigureAwait(false);
            return own.Select(Classify).ToHashSet();
        }
        catch (SocketException)
        {
            return [];
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal)) return [literal];
        var addresses = await Dns.GetHostAddressesAsync(host, cancellationToken).ConfigureAwait(false);
        if (addresses.Length == 0) throw new SocketException((int)SocketError.HostNotFound);
        return addresses;
    }
}
