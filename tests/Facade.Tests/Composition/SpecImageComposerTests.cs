using System.Text.Json;
using Facade.Composition;
using Facade.Shared.Composition;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Composition;

/// <summary>Composition of a spec end to end, reading generated images from a real docker-registry.</summary>
public sealed class SpecImageComposerTests(ComposerRegistryFixture fixture) : IClassFixture<ComposerRegistryFixture>
{
    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Composes_a_spec_for_the_requested_platform()
    {
        var composer = new SpecImageComposer(fixture.Source);
        var image = await composer.ComposeAsync(fixture.Spec, Platform.Parse("linux/arm64"), CancellationToken.None);

        Assert.Equal(fixture.Arm64.Digest, image.BaseManifestDigest);
        Assert.Equal($"{fixture.Registry!.Authority}/base/multi@{fixture.Arm64.Digest}", image.BaseReference);
        using var manifest = JsonDocument.Parse(image.Result.Manifest);
        var layers = manifest.RootElement.GetProperty("layers").EnumerateArray().Select(l => Digest.Parse(l.GetProperty("digest").GetString()!)).ToList();
        Assert.Equal(3 + 1 + 1 + 1, layers.Count);
        Assert.Equal(fixture.Arm64.Layers, layers.Take(3));
        Assert.Equal(fixture.Ide.Layers[1], layers[3]);
        Assert.Equal(["PATH=/ide:/bin", "SUP=1"], EnvOf(image.Result.Config));
        Assert.Equal(image.Result.ConfigDigest.Value, manifest.RootElement.GetProperty("config").GetProperty("digest").GetString());
        Assert.Equal(fixture.Spec.Hash(), image.SpecHash);

        // Every blob the composed manifest names can be served: base blobs from the base repository,
        // add-on blobs from their origin, direct content from the spec bytes.
        foreach (var digest in layers)
        {
            var origin = image.Plan.FindLayer(digest)?.Origin;
            switch (origin?.Kind)
            {
                case null: Assert.True(await fixture.Source.HasBlobAsync("base/multi", digest)); break;
                case LayerOriginKind.Image: Assert.True(await fixture.Source.HasBlobAsync(RegistryImageSource.Split(origin.Location!).Repository, digest)); break;
                case LayerOriginKind.Direct: Assert.True(digest.Matches(origin.Content.Span)); break;
                default: Assert.Fail($"unexpected origin {origin.Kind}"); break;
            }
        }
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task Defaults_to_linux_amd64_and_is_deterministic()
    {
        var composer = new SpecImageComposer(fixture.Source);
        var first = await composer.ComposeAsync(fixture.Spec, null, CancellationToken.None);
        var second = await composer.ComposeAsync(fixture.Spec, null, CancellationToken.None);
        Assert.Equal(fixture.Amd64.Digest, first.BaseManifestDigest);
        Assert.Equal(first.Result.ManifestDigest, second.Result.ManifestDigest);
        Assert.Equal(first.Result.Manifest, second.Result.Manifest);
    }

    [RequiresToolFact(DistributionRegistry.Program)]
    public async Task A_platform_missing_from_the_index_is_an_error()
    {
        var composer = new SpecImageComposer(fixture.Source);
        var error = await Assert.ThrowsAsync<CompositionException>(() =>
            composer.ComposeAsync(fixture.Spec, Platform.Parse("linux/s390x"), CancellationToken.None));
        Assert.Contains("linux/s390x", error.Message);
    }

    private static string[] EnvOf(byte[] config)
    {
        using var document = JsonDocument.Parse(config);
        return document.RootElement.GetProperty("config").GetProperty("Env").EnumerateArray().Select(e => e.GetString()!).ToArray();
    }
}
