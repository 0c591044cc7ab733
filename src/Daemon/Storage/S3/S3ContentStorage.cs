using System.Net;
using Daemon.Hosting;

namespace Daemon.Storage.S3;

/// <summary>Archives as objects <c>&lt;prefix&gt;&lt;key&gt;.tar</c> in one bucket of an S3-compatible store (path-style URLs).</summary>
internal sealed class S3ContentStorage(HttpClient http, S3StorageOptions options) : IContentStorage
{
    private readonly SigV4Signer _signer = new(options.AccessKey, options.SecretKey, options.Region);
    private readonly Uri _endpoint = new(options.Endpoint.TrimEnd('/') + "/");

    public string UrlOf(string key) => $"s3://{options.Bucket}/{options.Prefix}{key}.tar";

    public bool TryGetKey(string url, out string key)
    {
        var prefix = $"s3://{options.Bucket}/{options.Prefix}";
        key = url.StartsWith(prefix, StringComparison.Ordinal) && url.EndsWith(".tar", StringComparison.Ordinal)
            ? url[prefix.Length..^4]
            : "";
        return StorageKeys.IsValid(key);
    }

    public async Task<string> PutAsync(string key, ArchiveFile archive, CancellationToken cancellationToken)
    {
        await using var body = archive.OpenRead();
        using var request = new HttpRequestMessage(HttpMethod.Put, ObjectUri(key)) { Content = new StreamContent(body) };
        request.Content.Headers.ContentLength = archive.Length;
        request.Content.Headers.ContentType = new("application/x-tar");
        _signer.Sign(request, archive.Digest.Encoded);
        using var response = await http.SendAsync(request, cancellationToken);
        await EnsureSuccessAsync(response, "PUT", key, cancellationToken);
        return UrlOf(key);
    }

    public async Task<Stream?> OpenReadAsync(string key, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, ObjectUri(key));
        _signer.Sign(request, SigV4Signer.EmptyPayloadHash);
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            response.Dispose();
            return null;
        }
        await EnsureSuccessAsync(response, "GET", key, cancellationToken);
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    public async Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, ObjectUri(key));
        _signer.Sign(request, SigV4Signer.EmptyPayloadHash);
        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return false;
        await EnsureSuccessAsync(response, "HEAD", key, cancellationToken);
        return true;
    }

    private Uri ObjectUri(string key)
    {
        if (!StorageKeys.IsValid(key)) throw new ArgumentException($"invalid storage key '{key}'", nameof(key));
        var objectKey = string.Join('/', $"{options.Prefix}{key}.tar".Split('/').Select(Uri.EscapeDataString));
        return new Uri(_endpoint, $"{Uri.EscapeDataString(options.Bucket)}/{objectKey}");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string method, string key, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode) return;
        var body = await RemoteError.ReadCappedAsync(response, cancellationToken);
        response.Dispose();
        throw new StorageException($"S3 {method} of '{key}' failed with {(int)response.StatusCode}: {body}");
    }
}
