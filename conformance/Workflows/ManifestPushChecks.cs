using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>Push, manifests: PUT by tag and by digest, and the rejections of invalid or incomplete manifests.</summary>
internal sealed class ManifestPushChecks(WorkflowContext ctx, string workflow)
{
    /// <summary>Pushes manifests over <paramref name="image"/>'s blobs (<paramref name="blobsReady"/> says whether they are all stored).</summary>
    public async Task RunAsync(TestImage image, bool blobsReady)
    {
        var ns = ctx.Namespace;
        var tag = "push-" + TestImage.RandomSuffix();
        var byTag = await Check("PUT manifest by tag (201, Location, Docker-Content-Digest)", async () =>
        {
            Expect.Prerequisite(blobsReady, "not every blob of the image was uploaded");
            ExpectCreated(await ctx.Registry.PutManifestAsync(ns, tag, image.Manifest.Bytes, image.Manifest.MediaType), image.Manifest);
        });
        await Check("GET manifest by tag after push returns the pushed bytes", async () =>
        {
            Expect.Prerequisite(byTag, "manifest was not pushed");
            ContentChecks.Manifest(await ctx.Registry.FetchManifestAsync(HttpMethod.Get, ns, tag), image.Manifest.Digest, image.Manifest);
        });

        var second = new ManifestBuilder(image.Config).Layer(image.Layers[0]).Annotation("org.example.conformance", tag).Build();
        var byDigest = await Check("PUT manifest by digest (201, Location, Docker-Content-Digest)", async () =>
        {
            Expect.Prerequisite(blobsReady, "not every blob of the image was uploaded");
            ExpectCreated(await ctx.Registry.PutManifestAsync(ns, second.Digest, second.Bytes, second.MediaType), second);
        });
        await Check("GET manifest by digest after push returns the pushed bytes", async () =>
        {
            Expect.Prerequisite(byDigest, "manifest was not pushed");
            ContentChecks.Manifest(await ctx.Registry.FetchManifestAsync(HttpMethod.Get, ns, second.Digest), second.Digest, second);
        });

        await Check("PUT manifest with no layers (201)", async () =>
        {
            Expect.Prerequisite(blobsReady, "the config blob was not uploaded");
            var layerless = new ManifestBuilder(image.Config).Annotation("org.example.conformance", tag + "-no-layers").Build();
            ExpectCreated(await ctx.Registry.PutManifestAsync(ns, tag + "-no-layers", layerless.Bytes, layerless.MediaType), layerless);
        });
        await Check("PUT manifest under a reference that is neither tag nor digest is refused (4xx)", async () =>
        {
            Expect.Prerequisite(blobsReady, "not every blob of the image was uploaded");
            var response = await ctx.Registry.PutManifestAsync(ns, ".INVALID_MANIFEST_NAME", image.Manifest.Bytes, image.Manifest.MediaType);
            Expect.That(response.Status is >= 400 and < 500, $"expected a 4xx refusal, got {Expect.Describe(response)}");
        });
        await Check("PUT manifest that is not valid JSON gives 400 MANIFEST_INVALID", async () =>
        {
            var response = await ctx.Registry.PutManifestAsync(ns, "invalid-" + TestImage.RandomSuffix(), "{\"schemaVersion\": 2, \"layers\": [ not json"u8.ToArray(), MediaTypes.ImageManifest);
            ErrorEnvelope.ExpectError(response, "MANIFEST_INVALID", 400);
        });
        await Check("PUT manifest referencing unknown blobs gives MANIFEST_BLOB_UNKNOWN", async () =>
        {
            Expect.Prerequisite(blobsReady, "the config blob was not uploaded");
            var missingLayer = TestImage.Generate(64).Layers[0];
            var incomplete = new ManifestBuilder(image.Config).Layer(missingLayer).Build();
            var response = await ctx.Registry.PutManifestAsync(ns, "incomplete-" + TestImage.RandomSuffix(), incomplete.Bytes, incomplete.MediaType);
            Expect.Prerequisite(response.Status != 201, "registry accepts manifests whose blobs are missing (allowed)");
            ErrorEnvelope.ExpectError(response, "MANIFEST_BLOB_UNKNOWN", 400, 404);
        });
    }

    /// <summary>201 with Location and the manifest's digest in Docker-Content-Digest (a MUST for manifests).</summary>
    internal static void ExpectCreated(RegistryResponse response, TestManifest manifest)
    {
        Expect.Status(response, 201);
        Expect.Header(response, "Location");
        Expect.HeaderEquals(response, "Docker-Content-Digest", manifest.Digest);
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
