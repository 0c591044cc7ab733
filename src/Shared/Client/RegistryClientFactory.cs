using System.Collections.Concurrent;

namespace Facade.Shared.Client;

/// <summary>
/// Hands out one <see cref="RegistryClient"/> per registry base URL, each over its own handler
/// chain and connection pool, all sharing the same options (and so the same credentials).
/// </summary>
public sealed class RegistryClientFactory(RegistryHttpOptions? options = null) : IDisposable
{
    private readonly RegistryHttpOptions _options = options ?? new RegistryHttpOptions();
    private readonly ConcurrentDictionary<string, Lazy<RegistryClient>> _clients = new(StringComparer.Ordinal);

    /// <summary>The client for a registry base URL such as <c>http://127.0.0.1:5000</c>.</summary>
    public RegistryClient Get(Uri baseUri)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var key = baseUri.GetLeftPart(UriPartial.Authority).ToLowerInvariant();
        return _clients.GetOrAdd(key, _ => new Lazy<RegistryClient>(
            () => new RegistryClient(baseUri, RegistryHttp.CreateClient(_options), ownsClient: true))).Value;
    }

    private bool _disposed;

    /// <summary>Disposes every client and its connections.</summary>
    public void Dispose()
    {
        _disposed = true;
        foreach (var client in _clients.Values)
            if (client.IsValueCreated) client.Value.Dispose();
        _clients.Clear();
    }
}
