using System.Security.Cryptography;
using System.Text;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Load.Seed;

/// <summary>
/// Pushes the images the run pulls: one layer of random bytes (incompressible, streamed from a
/// file, never held in memory) with its config and manifest, and a small generated image.
/// </summary>
internal static class UpstreamSeeder
{
    public const string BigRepository = "bench/big";
    public const string SmallRepository = "bench/small";
    public const string SmallTag = "v1";
    private const int ChunkSize = 1024 * 1024;

    public static async Task<SeededImages> SeedAsync(Uri registry, long blobSize, string workDirectory, CancellationToken ct)
    {
        using var client = RegistryClient.Create(registry);
        var blob = await PushLayerImageAsync(client, BigRepository, blobSize, workDirectory, ct);
        var small = ImageGenerator.Image(new ImageSpec { Seed = 7, LayerSizes = [16 * 1024] });
        var smallDigest = await small.PushAsync(client, SmallRepository, SmallTag, ct);
        return new SeededImages(BigRepository, blob, blobSize, SmallRepository, SmallTag, smallDigest, small.MediaType);
    }

    /// <summary>Pushes <c>&lt;repository&gt;:v1</c>, an image of one layer of random bytes, and returns the layer's digest.</summary>
    public static async Task<Digest> PushLayerImageAsync(RegistryClient client, string repository, long size, string workDirectory, CancellationToken ct) =>
        (await PushLayersImageAsync(client, repository, 1, size, workDirectory, ct))[0];

    /// <summary>Pushes <c>&lt;repository&gt;:v1</c>, an image of <paramref name="count"/> layers of random bytes, and returns their digests.</summary>
    public static async Task<IReadOnlyList<Digest>> PushLayersImageAsync(RegistryClient client, string repository, int count, long size, string workDirectory,
        CancellationToken ct)
    {
        var blobs = new List<Digest>();
        for (var i = 0; i < count; i++) blobs.Add(await PushRandomBlobAsync(client, repository, size, workDirectory, ct));
        var diffIds = string.Join(",", blobs.Select(b => $"\"{b.Value}\""));
        var config = Encoding.UTF8.GetBytes(
            $$$"""{"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[{{{diffIds}}}]}}""");
        var configDigest = Digest.Sha256Of(config);
        await client.PushBlobAsync(repository, configDigest, config, cancellationToken: ct);
        // Written by hand: the run must not depend on the serializer it may be measuring.
        var layers = string.Join(",", blobs.Select(b => $$"""{"mediaType":"{{MediaTypes.OciLayer}}","digest":"{{b.Value}}","size":{{size}}}"""));
        var manifestBytes = Encoding.UTF8.GetBytes(
            $$"""{"schemaVersion":2,"mediaType":"{{MediaTypes.OciManifest}}","config":{"mediaType":"{{MediaTypes.OciConfig}}","digest":"{{configDigest.Value}}","size":{{config.Length}}},"layers":[{{layers}}]}""");
        await client.PushManifestAsync(repository, "v1", manifestBytes, MediaTypes.OciManifest, ct);
        return blobs;
    }

    /// <summary>Pushes a blob of random bytes (streamed from a temp file) and returns its digest.</summary>
    public static async Task<Digest> PushRandomBlobAsync(RegistryClient client, string repository, long size, string workDirectory, CancellationToken ct)
    {
        var path = Path.Combine(workDirectory, $"random-{Guid.NewGuid():N}.layer");
        var blob = await WriteRandomFileAsync(path, size, ct);
        await using (var content = File.OpenRead(path))
            await client.PushBlobAsync(repository, blob, content, size, cancellationToken: ct);
        File.Delete(path);
        return blob;
    }

    // Random bytes, hashed on the way to disk.
    private static async Task<Digest> WriteRandomFileAsync(string path, long size, CancellationToken ct)
    {
        using var hasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[ChunkSize];
        await using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, ChunkSize, useAsync: true);
        for (long written = 0; written < size; written += ChunkSize)
        {
            var length = (int)Math.Min(ChunkSize, size - written);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, length));
            hasher.AppendData(buffer, 0, length);
            await file.WriteAsync(buffer.AsMemory(0, length), ct);
        }
        return Digest.FromHash(DigestAlgorithm.Sha256, hasher.GetHashAndReset());
    }
}
