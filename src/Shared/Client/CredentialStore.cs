using System.Collections.Concurrent;

namespace Facade.Shared.Client;

/// <summary>
/// An in-memory map from registry host to credential. Keys are normalised on the way in and on
/// lookup, so <c>https://Host:443</c> and <c>host</c> are the same entry.
/// </summary>
public sealed class CredentialStore : ICredentialStore
{
    private readonly ConcurrentDictionary<string, RegistryCredential> _byHost = new(StringComparer.Ordinal);

    /// <summary>A store with no credentials: every host is anonymous.</summary>
    public static CredentialStore Empty => new();

    /// <summary>Sets the credential for a host (replacing any earlier one).</summary>
    public CredentialStore Add(string host, RegistryCredential credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        _byHost[RegistryHost.Normalize(host)] = credential;
        return this;
    }

    /// <summary>
    /// Credential helpers a Docker <c>config.json</c> named (<c>credsStore</c>, or
    /// <c>credHelpers</c> per host) that were not run: callers warn about them, since the
    /// credentials those helpers hold are not used.
    /// </summary>
    public IReadOnlyList<string> IgnoredHelpers { get; internal set; } = [];

    /// <summary>The hosts that have credentials, normalised.</summary>
    public IReadOnlyCollection<string> Hosts => _byHost.Keys.ToArray();

    /// <inheritdoc />
    public RegistryCredential? Find(string host) =>
        _byHost.TryGetValue(RegistryHost.Normalize(host), out var credential) ? credential : null;
}
