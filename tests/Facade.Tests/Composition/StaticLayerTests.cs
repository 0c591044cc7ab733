using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Facade.Composition;
using Facade.Shared.Composition;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Composition;

/// <summary>Static layers from configuration: local files described by streaming, images from the registry.</summary>
public sealed class StaticLayerTests(ComposerRegistryFixture fixture) : IClassFixture<ComposerRegistryFixture>, IDisposable
{
    private readonly TempDir _directory = new("composition");

    public void Dispose() => _directory.Dispose();

    private (string Path, byte[] Tar) WriteLayer(string name, bool gzip)
    {
        var tar = RandomNumberGenerator.GetBytes(200_000);
        var path = _directory[name];
        using (var file = File.Create(path))
        {
            if (gzip)
            {
                using var zip = new GZipStream(file, CompressionLevel.Fastest);
                zip.Write(tar);
            }
            else file.Write(tar);
        }
        return (path, tar);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Files_are_described_with_their_uncompressed_diff_id(bool gzip)
    {
        var (path, tar) = WriteLayer(gzip ? "layer.tar.gz" : "layer.tar", gzip);
        var addendum = await StaticFileLayerLoader.LoadAsync(path, CancellationToken.None);
        var bytes = await File.ReadAllBytesAsync(path);
        Assert.Equal(Digest.Sha256Of(bytes), addendum.Layer.Digest);
        Assert.Equal(bytes.Length, addendum.Layer.Size);
        Assert.Equal(Digest.Sha256Of(tar), addendum.DiffId);
        Assert.Equal(gzip ? MediaTypes.OciLayerGzip : MediaTypes.OciLayer, addendum.Layer.MediaType);
        Assert.Equal(new LayerOrigin(LayerOriginKind.Other, path), addendum.Origin);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Static_layers_come_first_in_configured_order()
    {
        var (path, tar) = WriteLayer("static.tar.gz", gzip: true);
        var composer = new SpecImageComposer(fixture.Source,
        [
            new StaticLayerOptions { Type = "file", Ref = path },
            new StaticLayerOptions { Type = "image", Ref = $"{fixture.Registry!.Authority}/supervisor:1" },
        ]);
        var image = await composer.ComposeAsync(fixture.Spec, null, CancellationToken.None);
        var addenda = image.Plan.Addenda;
        Assert.Equal(Digest.Sha256Of(tar), addenda[0].DiffId);
        Assert.Equal(LayerOriginKind.Other, addenda[0].Origin!.Kind);
        Assert.Equal(LayerOriginKind.Image, addenda[1].Origin!.Kind);
        Assert.StartsWith($"{fixture.Registry.Authority}/supervisor@sha256:", addenda[1].Origin!.Location);
        using var config = JsonDocument.Parse(image.Result.Config);
        var diffIds = config.RootElement.GetProperty("rootfs").GetProperty("diff_ids").EnumerateArray().Select(d => d.GetString()).ToList();
        Assert.Equal(2 + addenda.Count, diffIds.Count);
        Assert.Equal(Digest.Sha256Of(tar).Value, diffIds[2]);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task An_unknown_static_layer_type_is_a_clear_error()
    {
        var composer = new SpecImageComposer(fixture.Source, [new StaticLayerOptions { Type = "floppy", Ref = "x" }]);
        var error = await Assert.ThrowsAsync<CompositionException>(() => composer.ComposeAsync(fixture.Spec, null, CancellationToken.None));
        Assert.Contains("floppy", error.Message);
    }
}
