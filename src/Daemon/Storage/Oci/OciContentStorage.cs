using Daemon.Hosting;
using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Daemon.Storage.Oci;

/// <summary>
/// Archives as OCI artifacts in one repository of a registry: the tar is the single layer, the
/// config is the empty descriptor, and the manifest is tagged with the storage key. All registry
/// traffic goes through the shared <see cref="RegistryClient"/> (its redirect, cap, timeout,
/// retry and auth rules: Basic or the Bearer token flow with the configured credentials).
/// </summary>
internal sealed class OciContentStorage : IContentStorage, IDisposable
{
    private readonly RegistryClient _client;
    private readonly string _repository;

    public OciContentStorage(OciStorageOptions options)
    {
        var registry = new Uri(options.Registry, UriKind.Absolute);
        var credentials = new CredentialStore();
        if (options.Username.Length > 0) credentials.Add(RegistryHost.Of(registry), new RegistryCredential(options.Username, options.Password));
        _client = RegistryClient.Create(registry, new RegistryHttpOptions { Credentials = credentials, UserAgent = "workspace-daemon/1.0" });
        _repository = options.Repository;
    }

    public string UrlOf(string key) => $"oci://{_client.BaseUri.Authority}/{_repository}:{key}";

    public bool TryGetKey(string url, out string key)
    {
        var prefix = $"oci://{_client.BaseUri.Authority}/{_repository}:";
        key = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..] : "";
        return StorageKeys.IsValid(key);
    }

    public Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken) => Guard("PUT", async () =>
    {
        RequireKey(key);
        var emptyConfig = "{}"u8.ToArray();
        await _client.PushBlobAsync(_repository, Digest.Sha256Of(emptyConfig), emptyConfig, cancellationToken: cancellationToken);
        await using (var body = archive.OpenRead())
            await _client.PushBlobAsync(_repository, archive.Digest, body, archive.Length, cancellationToken: cancellationToken);
        var manifest = OciArtifactManifest.Create(archive.Digest, archive.Length);
        await _client.PushManifestAsync(_repository, key, manifest, MediaTypes.OciManifest, cancellationToken);
        return UrlOf(key);
    });

    public Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken) => Guard("GET", async () =>
    {
        RequireKey(key);
        if (await _client.GetManifestAsync(_repository, key, cancellationToken) is not { } manifest) return null;
        var layer = OciArtifactManifest.ReadArchiveLayer(manifest.Bytes.ToArray());
        var blob = await _client.OpenBlobAsync(_repository, layer.Digest, cancellationToken)
            ?? throw new StorageException($"registry has the manifest of '{key}' but not its layer {layer.Digest}");
        // The manifest's size, not the registry's header, is what the bytes must come to.
        return (Stream?)new VerifyingStream(blob.Body, layer.Digest, layer.Size, blob);
    });

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Guard("HEAD", async () =>
    {
        RequireKey(key);
        return await _client.HeadManifestAsync(_repository, key, cancellationToken) is not null;
    });

    public void Dispose() => _client.Dispose();

    private static void RequireKey(string key)
    {
        if (!StorageKeys.IsValid(key)) throw new ArgumentException($"invalid storage key '{key}'", nameof(key));
    }

    /// <summary>Client failures become <see cref="StorageException"/>, the one failure storage callers handle.</summary>
    private static async Task<T> Guard<T>(string what, Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (Exception e) when (e is RegistryException or RegistryAuthException or InvalidDataException or HttpRequestException
                                       or TimeoutException or IOException)
        {
            throw new StorageException($"registry {what} failed: {e.Message}");
        }
    }
}
