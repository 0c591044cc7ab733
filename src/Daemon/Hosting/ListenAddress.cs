using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Daemon.Hosting;

/// <summary>A parsed listen setting: a Unix socket path or a TCP endpoint.</summary>
internal sealed record ListenAddress(string? SocketPath, IPEndPoint? Endpoint)
{
    /// <summary>Parses <c>unix:/abs/path</c> or <c>http://ip-or-localhost:port</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ListenAddress? address, out string error)
    {
        address = null;
        error = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a listen address is required";
            return false;
        }
        if (text.StartsWith("unix:", StringComparison.Ordinal))
        {
            var path = text["unix:".Length..];
            if (!Path.IsPathFullyQualified(path))
            {
                error = "a Unix socket path must be absolute";
                return false;
            }
            address = new ListenAddress(path, null);
            return true;
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            error = "expected unix:/path or http://host:port";
            return false;
        }
        IPAddress? ip = uri.IsLoopback && !IPAddress.TryParse(uri.Host.Trim('[', ']'), out _)
            ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var parsed) ? parsed : null;
        if (ip is null)
        {
            error = "the host must be an IP address or localhost";
            return false;
        }
        address = new ListenAddress(null, new IPEndPoint(ip, uri.Port));
        return true;
    }
}
