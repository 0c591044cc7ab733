using System.Net;
using System.Net.Sockets;

namespace Facade.Ipfs;

/// <summary>
/// Turns the configured API address (URL or multiaddr, with <c>$IPFS_HOST</c>) into the base URL
/// the client calls, e.g. <c>http://10.0.0.5:5001/</c>.
/// </summary>
internal static class IpfsApiAddress
{
    private const string HostVariable = "IPFS_HOST";

    /// <summary>Resolves <paramref name="text"/>; throws <see cref="FormatException"/> with the reason when it is not usable.</summary>
    public static Uri Resolve(string? text, Func<string, string?>? environment = null)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new FormatException("the IPFS API address is empty");
        text = SubstituteHost(text.Trim(), environment ?? Environment.GetEnvironmentVariable);
        return text.StartsWith('/') ? FromMultiaddr(text) : FromUrl(text);
    }

    private static string SubstituteHost(string text, Func<string, string?> environment)
    {
        if (!text.Contains("$" + HostVariable, StringComparison.Ordinal)
            && !text.Contains("${" + HostVariable + "}", StringComparison.Ordinal)) return text;
        var host = environment(HostVariable);
        if (string.IsNullOrWhiteSpace(host))
            throw new FormatException($"the IPFS API address uses ${HostVariable} but it is not set");
        return text.Replace("${" + HostVariable + "}", host.Trim(), StringComparison.Ordinal)
            .Replace("$" + HostVariable, host.Trim(), StringComparison.Ordinal);
    }

    private static Uri FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new FormatException($"'{text}' is neither an http(s) URL nor a multiaddr");
        if (uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            throw new FormatException($"the IPFS API URL '{text}' must not carry credentials, a query or a fragment");
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
    }

    private static Uri FromMultiaddr(string text)
    {
        var parts = text.Split('/');
        // "", protocol, host, "tcp", port [, "http" | "https"]
        if (parts.Length is < 5 or > 6 || parts[0].Length != 0 || parts[3] != "tcp")
            throw new FormatException($"multiaddr '{text}' is not /ip4|ip6|dns|dns4|dns6/<host>/tcp/<port>[/http|/https]");
        var host = parts[2];
        var valid = parts[1] switch
        {
            // IPAddress also takes shorthand such as "1.2.3"; a multiaddr names all four parts.
            "ip4" => host.Split('.').Length == 4 && IPAddress.TryParse(host, out var v4) && v4.AddressFamily == AddressFamily.InterNetwork,
            "ip6" => IPAddress.TryParse(host, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6,
            "dns" or "dns4" or "dns6" => Uri.CheckHostName(host) == UriHostNameType.Dns,
            _ => false,
        };
        if (!valid) throw new FormatException($"multiaddr '{text}' has an invalid {parts[1]} host '{host}'");
        if (!int.TryParse(parts[4], System.Globalization.NumberStyles.None, null, out var port) || port is < 1 or > 65535)
            throw new FormatException($"multiaddr '{text}' has an invalid port '{parts[4]}'");
        var scheme = parts.Length == 6 ? parts[5] : "http";
        if (scheme is not ("http" or "https"))
            throw new FormatException($"multiaddr '{text}' ends in '/{scheme}', expected /http or /https");
        return new UriBuilder(scheme, parts[1] == "ip6" ? $"[{host}]" : host, port, "/").Uri;
    }
}
