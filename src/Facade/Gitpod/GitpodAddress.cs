namespace Facade.Gitpod;

/// <summary>Go listen addresses (<c>:9500</c>, <c>127.0.0.1:9500</c>, <c>localhost:9500</c>) as Kestrel URLs.</summary>
internal static class GitpodAddress
{
    /// <summary>The port of a listen address; throws for one without a usable port.</summary>
    public static int Port(string address, string key)
    {
        var colon = address.LastIndexOf(':');
        if (colon < 0 || !int.TryParse(address.AsSpan(colon + 1), out var port) || port is < 1 or > 65535)
            throw new GitpodConfigException($"{key} '{address}' is not host:port with a port between 1 and 65535");
        return port;
    }

    /// <summary>A Kestrel URL for the address: an empty host (Go's "every interface") becomes <c>*</c>.</summary>
    public static string Url(string scheme, string address, string key)
    {
        var port = Port(address, key);
        var host = address[..address.LastIndexOf(':')];
        if (host.Length == 0 || host is "0.0.0.0" or "[::]") host = "*";
        return $"{scheme}://{host}:{port}";
    }

    /// <summary>
    /// A gRPC target as Go's grpc accepts it (<c>dns:///host:port</c>, <c>host:port</c>) as the
    /// URL the spec provider client takes.
    /// </summary>
    public static string GrpcUrl(string target, bool tls)
    {
        var address = target.StartsWith("dns:///", StringComparison.Ordinal) ? target["dns:///".Length..] : target;
        if (address.StartsWith("http://", StringComparison.Ordinal) || address.StartsWith("https://", StringComparison.Ordinal)) return address;
        return (tls ? "https://" : "http://") + address;
    }
}
