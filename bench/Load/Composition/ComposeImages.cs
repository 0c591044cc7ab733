using System.Formats.Tar;
using Facade.Protos.RegistryFacade;
using ImageSpec = Facade.Protos.RegistryFacade.ImageSpec;
using Facade.Shared.Client;
using Facade.TestSupport;
using Google.Protobuf;

namespace Facade.Load.Composition;

/// <summary>
/// Pushes the images a composed image is built from: per spec id a base image (three layers) and
/// an IDE image (two layers), each id with its own pair so that the first request for either id
/// finds nothing cached; the spec adds one direct content layer.
/// </summary>
internal static class ComposeImages
{
    public const string Description = "base: 3 gzip layers (64, 32, 16 KiB of files), IDE: 2 gzip layers (32, 16 KiB), one direct content layer (8 KiB tar)";

    /// <summary>Pushes the images for each id; returns the spec per id.</summary>
    public static async Task<Dictionary<string, ImageSpec>> PushAsync(Uri registry, IReadOnlyList<string> ids, CancellationToken ct)
    {
        using var client = RegistryClient.Create(registry);
        var specs = new Dictionary<string, ImageSpec>(StringComparer.Ordinal);
        for (var i = 0; i < ids.Count; i++)
        {
            var tag = $"v{i + 1}";
            var seed = 100 + 10 * i;
            await ImageGenerator.Image(new TestSupport.ImageSpec { Seed = seed, LayerSizes = [64 * 1024, 32 * 1024, 16 * 1024] })
                .PushAsync(client, "base", tag, ct);
            await ImageGenerator.Image(new TestSupport.ImageSpec { Seed = seed + 1, LayerSizes = [32 * 1024, 16 * 1024] })
                .PushAsync(client, "ide", tag, ct);
            var tar = ContentTar(seed + 2, 8 * 1024);
            var spec = new ImageSpec { BaseRef = $"{registry.Authority}/base:{tag}", IdeRef = $"{registry.Authority}/ide:{tag}" };
            spec.ContentLayer.Add(new ContentLayer { Direct = new DirectContentLayer { Content = ByteString.CopyFrom(tar) } });
            specs[ids[i]] = spec;
        }
        return specs;
    }

    // An uncompressed tar with one file of seeded random bytes: the workspace content.
    private static byte[] ContentTar(int seed, int size)
    {
        var content = new byte[size];
        new Random(seed).NextBytes(content);
        using var tar = new MemoryStream();
        using (var writer = new TarWriter(tar, TarEntryFormat.Pax, leaveOpen: true))
            writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "workspace/content.bin") { DataStream = new MemoryStream(content) });
        return tar.ToArray();
    }

    /// <summary>The fixed spec file: a JSON object of id to ImageSpec in protobuf JSON.</summary>
    public static string FixedSpecJson(IReadOnlyDictionary<string, ImageSpec> specs) =>
        "{" + string.Join(",", specs.Select(s => $"\"{s.Key}\":{JsonFormatter.Default.Format(s.Value)}")) + "}";
}
