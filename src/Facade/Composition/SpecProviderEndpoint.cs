namespace Facade.Composition;

/// <summary>One gRPC spec provider (<c>Facade:Composition:SpecProviders:&lt;n&gt;</c>).</summary>
public sealed class SpecProviderEndpoint
{
    /// <summary>The provider's address, <c>http://host:port</c> (h2c) or <c>https://host:port</c>.</summary>
    public string Address { get; set; } = "";

    /// <summary>PEM file of the CA that signs the provider's certificate; the system store when empty.</summary>
    public string? CaFile { get; set; }

    /// <summary>PEM file of the client certificate presented to the provider.</summary>
    public string? ClientCertificateFile { get; set; }

    /// <summary>PEM file of the client certificate's private key (the certificate file when empty).</summary>
    public string? ClientKeyFile { get; set; }

    /// <summary>The name the provider's certificate must carry, when it differs from the address host.</summary>
    public string? ServerName { get; set; }
}
