namespace Facade.Blobs;

/// <summary>A configured local layer file for one digest (checked when the layer was loaded).</summary>
internal sealed class StaticFileBlobSource(string path, long length) : IBlobSource
{
    public Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct)
    {
        if (request.Read == BlobRead.Head) return Task.FromResult<BlobContent?>(new LengthOnlyBlobContent(length, "static"));
        var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        return Task.FromResult<BlobContent?>(new FileBlobContent(file, length, "static"));
    }
}
