using Daemon.Archive;
using Daemon.Hosting;
using Daemon.Storage;
using Grpc.Core;

namespace Daemon.Content;

/// <summary>Moves workspace content between a directory and remote storage, translating failures into status codes.</summary>
internal sealed class ArchiveTransfer(DaemonOptions options, IContentStorage storage, WorkspaceTarWriter writer, WorkspaceTarReader reader)
{
    /// <summary>Archives <paramref name="root"/> under <paramref name="key"/> and returns its URL.</summary>
    public async Task<string> UploadAsync(string root, string key, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(options.WorkingArea, ".tmp", $"{key}.{Guid.NewGuid():N}.tar");
        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        try
        {
            await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
                await writer.WriteAsync(root, file, cancellationToken);
            var archive = await ArchiveFile.DescribeAsync(temp, cancellationToken);
            return await Remote(() => storage.PutAsync(key, archive, cancellationToken));
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Extracts the archive under <paramref name="key"/> into <paramref name="root"/>; false when there is none.</summary>
    public async Task<bool> TryRestoreAsync(string key, string root, CancellationToken cancellationToken)
    {
        var stream = await Remote(() => storage.OpenReadAsync(key, cancellationToken));
        if (stream is null) return false;
        await using (stream)
        {
            try
            {
                await reader.ExtractAsync(stream, root, cancellationToken);
                // Reading to the end lets a verifying stream check the digest of the whole archive.
                await stream.CopyToAsync(Stream.Null, cancellationToken);
            }
            catch (InvalidDataException e)
            {
                throw ContentException.DataLoss($"archive '{storage.UrlOf(key)}' is corrupt: {e.Message}", e);
            }
        }
        return true;
    }

    /// <summary>The key for a snapshot URL (or a bare key); InvalidArgument otherwise.</summary>
    public string KeyOf(string urlOrKey) =>
        storage.TryGetKey(urlOrKey, out var key) ? key
        : StorageKeys.IsValid(urlOrKey) ? urlOrKey
        : throw ContentException.Invalid("snapshot must be a URL returned by TakeSnapshot or a storage key");

    /// <summary>The URL a key will have once stored.</summary>
    public string UrlOf(string key) => storage.UrlOf(key);

    private static async Task<T> Remote<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception e) when (e is StorageException or HttpRequestException or IOException)
        {
            throw new ContentException(StatusCode.Unavailable, $"remote storage failed: {e.Message}", e);
        }
        catch (InvalidDataException e)
        {
            throw ContentException.DataLoss($"stored content is corrupt: {e.Message}", e);
        }
    }
}
