using Facade.Shared.Client;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Daemon.Hosting;
using Facade.Shared.Oci;

namespace Daemon.Storage.Oci;

/// <summary>
/// Archives as OCI artifacts in one repository of a registry: the tar is the single layer, the
/// config is the empty descriptor, and the manifest is tagged with the storage key.
/// </summary>
internal sealed class OciContentStorage(HttpClient http, OciStorageOptions options) : IContentStorage
{
    private readonly Uri _registry = new(options.Registry.TrimEnd('/') + "/");
    private readonly AuthenticationHeaderValue? _auth = options.Username.Length == 0
        ? null
        : new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.Username}:{options.Password}")));

    public string UrlOf(string key) => $"oci://{_registry.Authority}/{options.Repository}:{key}";

    public bool TryGetKey(string url, out string key)
    {
        var prefix = $"oci://{_registry.Authority}/{options.Repository}:";
        key = url.StartsWith(prefix, StringComparison.Ordinal) ? url[prefix.Length..] : "";
        return StorageKeys.IsValid(key);
    }

    public async Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken)
    {
        RequireKey(key);
        var emptyConfig = "{}"u8.ToArray();
        await PushBlobAsync(Digest.Sha256Of(emptyConfig), emptyConfig.Length, () => new MemoryStream(emptyConfig), cancellationToken);
        await PushBlobAsync(archive.Digest, archive.Length, archive.OpenRead, cancellationToken);
        var manifest = OciArtifactManifest.Create(archive.Digest, archive.Length);
        using var request = NewRequest(HttpMethod.Put, $"manifests/{key}");
        request.Content = new ByteArrayContent(manifest);
        request.Content.Headers.ContentType = new(MediaTypes.OciManifest);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.Created, "manifest PUT", cancellationToken);
        return UrlOf(key);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        RequireKey(key);
        using var request = NewRequest(HttpMethod.Get, $"manifests/{key}");
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        await EnsureAsync(response, HttpStatusCode.OK, "manifest GET", cancellationToken);
        var raw = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var layer = OciArtifactManifest.ReadArchiveLayer(raw);
        return await OpenBlobAsync(layer.Digest, layer.Size, cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        RequireKey(key);
        using var request = NewRequest(HttpMethod.Head, $"manifests/{key}");
        request.Headers.Accept.Add(new(MediaTypes.OciManifest));
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureAsync(response, HttpStatusCode.OK, "manifest HEAD", cancellationToken);
        return true;
    }

    private async Task<Stream> OpenBlobAsync(Digest digest, long size, CancellationToken cancellationToken)
    {
        var request = NewRequest(HttpMethod.Get, $"blobs/{digest}");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureAsync(response, HttpStatusCode.OK, "blob GET", cancellationToken);
        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return new VerifyingStream(body, digest, size, response);
    }

    private async Task PushBlobAsync(Digest digest, long length, Func<Stream> open, CancellationToken cancellationToken)
    {
        using (var head = NewRequest(HttpMethod.Head, $"blobs/{digest}"))
        using (var exists = await http.SendAsync(head, cancellationToken))
            if (exists.StatusCode == HttpStatusCode.OK) return;

        using var start = NewRequest(HttpMethod.Post, "blobs/uploads/");
        start.Content = new ByteArrayContent([]);
        using var started = await http.SendAsync(start, cancellationToken);
        await EnsureAsync(started, HttpStatusCode.Accepted, "upload POST", cancellationToken);
        var location = started.Headers.Location ?? throw new StorageException("registry gave no upload location");
        var upload = location.IsAbsoluteUri ? location : new Uri(_registry, location);
        if (upload.Authority != _registry.Authority)
            throw new StorageException("registry sent the upload to another host");
        var separator = upload.Query.Length > 0 ? "&" : "?";
        await using var body = open();
        using var put = new HttpRequestMessage(HttpMethod.Put, $"{upload}{separator}digest={Uri.EscapeDataString(digest.Value)}")
        {
            Content = new StreamContent(body),
        };
        put.Headers.Authorization = _auth;
        put.Content.Headers.ContentLength = length;
        put.Content.Headers.ContentType = new("application/octet-stream");
        using var done = await http.SendAsync(put, cancellationToken);
        await EnsureAsync(done, HttpStatusCode.Created, "upload PUT", cancellationToken);
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, new Uri(_registry, $"v2/{options.Repository}/{path}"));
        request.Headers.Authorization = _auth;
        return request;
    }

    private static void RequireKey(string key)
    {
        if (!StorageKeys.IsValid(key)) throw new ArgumentException($"invalid storage key '{key}'", nameof(key));
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what, CancellationToken cancellationToken)
    {
        if (response.StatusCode == expected) return;
        var body = await RemoteError.ReadCappedAsync(response, cancellationToken);
        response.Dispose();
        throw new StorageException($"registry {what} failed with {(int)response.StatusCode}: {body}");
    }
}
