namespace Facade.Blobs;

/// <summary>A remote content layer for one digest: clients are sent to its URL for HEAD and GET alike.</summary>
internal sealed class RedirectBlobSource(string url) : IBlobSource
{
    public Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct) =>
        Task.FromResult<BlobContent?>(new RedirectBlobContent(url));
}
