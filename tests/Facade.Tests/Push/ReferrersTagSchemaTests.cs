using System.Net;
using System.Text.Json;
using Facade.Shared.Oci;
using Facade.TestSupport;

namespace Facade.Tests.Push;

/// <summary>
/// Distribution 2.8 has no referrers API: artifacts pushed through the facade are recorded under
/// the referrers tag on the registry, and the facade answers the referrers API from it.
/// </summary>
public sealed class ReferrersTagSchemaTests(PushFixture fixture) : IClassFixture<PushFixture>
{
    private const string Sbom = "application/vnd.example.sbom.v1";
    private const string Signature = "application/vnd.example.signature.v1";

    [Fact]
    public async Task Artifacts_pushed_with_a_subject_are_listed_and_filtered_by_artifact_type()
    {
        var image = ImageGenerator.Image(new ImageSpec { Seed = 201, LayerSizes = [800] });
        var subject = await image.PushAsync(fixture.ThroughFacade, "team/referred", "v1");
        var artifacts = new List<Digest>();
        foreach (var type in new[] { Sbom, Signature })
        {
            var bytes = PushRequests.Artifact(image, subject, image.ManifestBytes.Length, type);
            var digest = Digest.Sha256Of(bytes);
            using var put = await fixture.Facade.Client.SendAsync(PushRequests.Manifest($"/v2/team/referred/manifests/{digest}", bytes, MediaTypes.OciManifest));
            Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            Assert.Equal(subject.Value, put.Headers.GetValues("OCI-Subject").Single());
            artifacts.Add(digest);
        }

        // The index lives on the registry itself, under the tag schema's name.
        var tagIndex = await fixture.Upstream.GetManifestAsync("team/referred", $"sha256-{subject.Encoded}");
        Assert.NotNull(tagIndex);
        Assert.Equal(artifacts.Select(a => a.Value), Entries(tagIndex.Bytes.ToArray()).Select(e => e.Digest));

        using var all = await fixture.Facade.Client.GetAsync($"/v2/team/referred/referrers/{subject}");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        Assert.Equal(MediaTypes.OciIndex, all.Content.Headers.ContentType?.MediaType);
        var listed = Entries(await all.Content.ReadAsByteArrayAsync());
        Assert.Equal([Sbom, Signature], listed.Select(e => e.ArtifactType));
        Assert.All(listed, e => Assert.Equal(e.ArtifactType, e.Kind));

        using var filtered = await fixture.Facade.Client.GetAsync($"/v2/team/referred/referrers/{subject}?artifactType={Uri.EscapeDataString(Signature)}");
        Assert.Equal("artifactType", filtered.Headers.GetValues("OCI-Filters-Applied").Single());
        var signatures = Entries(await filtered.Content.ReadAsByteArrayAsync());
        Assert.Equal(artifacts[1].Value, Assert.Single(signatures).Digest);

        // Deleting a referrer through the facade takes it out of the tag's index.
        using var deleted = await fixture.Facade.Client.DeleteAsync($"/v2/team/referred/manifests/{artifacts[0]}");
        Assert.Equal(HttpStatusCode.Accepted, deleted.StatusCode);
        using var remaining = await fixture.Facade.Client.GetAsync($"/v2/team/referred/referrers/{subject}");
        Assert.Equal(artifacts[1].Value, Assert.Single(Entries(await remaining.Content.ReadAsByteArrayAsync())).Digest);
    }

    [Fact]
    public async Task A_manifest_without_referrers_has_an_empty_index()
    {
        using var response = await fixture.Facade.Client.GetAsync($"/v2/team/referred/referrers/{Digest.Sha256Of("nothing refers to this"u8)}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(Entries(await response.Content.ReadAsByteArrayAsync()));
    }

    private static List<(string Digest, string? ArtifactType, string? Kind)> Entries(byte[] index)
    {
        using var document = JsonDocument.Parse(index);
        Assert.Equal(2, document.RootElement.GetProperty("schemaVersion").GetInt32());
        return document.RootElement.GetProperty("manifests").EnumerateArray().Select(e => (
            e.GetProperty("digest").GetString()!,
            e.TryGetProperty("artifactType", out var type) ? type.GetString() : null,
            e.TryGetProperty("annotations", out var annotations) && annotations.TryGetProperty("org.example.kind", out var kind) ? kind.GetString() : null))
            .ToList();
    }
}
