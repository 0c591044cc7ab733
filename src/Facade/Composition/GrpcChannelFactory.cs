using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Facade.Composition;

/// <summary>Builds the gRPC channel of one spec provider, with optional TLS (own CA, client certificate, expected server name).</summary>
internal static class GrpcChannelFactory
{
    public static GrpcChannel Create(SpecProviderEndpoint endpoint)
    {
        if (!Uri.TryCreate(endpoint.Address, UriKind.Absolute, out var address) || address.Scheme is not ("http" or "https"))
            throw new InvalidOperationException($"spec provider address '{endpoint.Address}' is not an http(s) URL");
        var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            EnableMultipleHttp2Connections = true,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        if (address.Scheme == "https") handler.SslOptions = TlsOptions(endpoint);
        return GrpcChannel.ForAddress(address, new GrpcChannelOptions { HttpHandler = handler, DisposeHttpClient = true });
    }

    private static SslClientAuthenticationOptions TlsOptions(SpecProviderEndpoint endpoint)
    {
        var options = new SslClientAuthenticationOptions();
        if (!string.IsNullOrEmpty(endpoint.ClientCertificateFile))
        {
            var certificate = X509Certificate2.CreateFromPemFile(endpoint.ClientCertificateFile,
                string.IsNullOrEmpty(endpoint.ClientKeyFile) ? null : endpoint.ClientKeyFile);
            options.ClientCertificates = [certificate];
        }
        X509Certificate2Collection? roots = null;
        if (!string.IsNullOrEmpty(endpoint.CaFile))
        {
            roots = [];
            roots.ImportFromPemFile(endpoint.CaFile);
        }
        if (roots is not null || !string.IsNullOrEmpty(endpoint.ServerName))
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                ServerCertificateCheck.IsTrusted(certificate, errors, roots, endpoint.ServerName);
        return options;
    }
}
