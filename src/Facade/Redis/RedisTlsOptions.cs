namespace Facade.Redis;

/// <summary><c>Facade:Redis:Tls</c>: TLS to Redis.</summary>
internal sealed class RedisTlsOptions
{
    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA that issued the server certificate (else the system's roots).</summary>
    public string? CaFile { get; set; }

    /// <summary>Name expected in the server certificate (default: the endpoint's host).</summary>
    public string? ServerName { get; set; }

    /// <summary>Accept any server certificate (Gitpod's <c>insecureSkipVerify</c>); for test setups only.</summary>
    public bool InsecureSkipVerify { get; set; }
}
