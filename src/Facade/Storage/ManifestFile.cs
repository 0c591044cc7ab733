using System.Text;
using Facade.Shared.Oci;

namespace Facade.Storage;

/// <summary>
/// The on-disk form of a cached manifest: its media type and a newline, then the exact bytes
/// (the digest is over those bytes, so they are kept as received).
/// </summary>
internal static class ManifestFile
{
    /// <summary>Parses a manifest file's contents; null when it has no media type line.</summary>
    public static RawManifest? Parse(byte[] contents, Digest digest)
    {
        var newline = Array.IndexOf(contents, (byte)'\n');
        if (newline <= 0) return null;
        var mediaType = Encoding.UTF8.GetString(contents, 0, newline);
        return new RawManifest(contents.AsMemory(newline + 1), mediaType, digest);
    }

    /// <summary>Writes a manifest to a new file at <paramref name="path"/>; returns the file's length.</summary>
    public static long WriteNew(string path, RawManifest manifest)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        file.Write(Encoding.UTF8.GetBytes(manifest.MediaType + "\n"));
        file.Write(manifest.Bytes.Span);
        return file.Length;
    }
}
