namespace Facade.Shared.Client;

/// <summary>Settings of <see cref="RegistryAuthHandler"/>.</summary>
public sealed record RegistryAuthOptions
{
    /// <summary>
    /// Request bodies up to this size (with a known length) are buffered so that the request can be
    /// repeated after a 401. Larger or unknown-length bodies are streamed once, after a pre-flight.
    /// </summary>
    public long MaxBufferedBody { get; init; } = 4 * 1024 * 1024;

    /// <summary>Time allowed for one token request.</summary>
    public TimeSpan TokenTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
