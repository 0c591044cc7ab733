namespace Facade.Blobs;

/// <summary>Bytes the facade holds for one digest (a composed config, a direct content layer).</summary>
internal sealed class MemoryBlobSource(ReadOnlyMemory<byte> bytes) : IBlobSource
{
    public ReadOnlyMemory<byte> Bytes { get; } = bytes;

    public Task<BlobContent?> OpenAsync(BlobRequest request, CancellationToken ct) =>
        Task.FromResult<BlobContent?>(new MemoryBlobContent(Bytes, "composed"));
}
