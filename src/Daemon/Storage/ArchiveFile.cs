using Facade.Shared.Oci;

namespace Daemon.Storage;

/// <summary>A finished archive on local disk with its size and sha256 digest, ready to upload.</summary>
internal sealed record ArchiveFile(string Path, long Length, Digest Digest)
{
    /// <summary>Describes an existing file, hashing it once.</summary>
    public static async Task<ArchiveFile> DescribeAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var hash = await System.Security.Cryptography.SHA256.HashDataAsync(stream, cancellationToken);
        return new ArchiveFile(path, stream.Length, Digest.FromHash(DigestAlgorithm.Sha256, hash));
    }

    /// <summary>Opens the file for reading.</summary>
    public FileStream OpenRead() => new(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: true);
}
