using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Content management: delete a tag, the manifest by digest, then its blobs, and check each is gone.
/// A registry may disable each kind of deletion (400 or 405); that is recorded as a skip.
/// </summary>
internal sealed class ContentManagementWorkflow(WorkflowContext ctx) : IWorkflow
{
    public string Name => "content-management";

    public string EnabledBy => "OCI_TEST_CONTENT_MANAGEMENT";

    public bool Enabled => ctx.Settings.TestContentManagement;

    public async Task RunAsync()
    {
        var ns = ctx.Namespace;
        var image = TestImage.Generate(1500, 2500);
        var tag = "mgmt-" + TestImage.RandomSuffix();
        var extraTag = tag + "-extra";
        var pushed = await Check("setup: push an image under two tags", async () =>
        {
            await ctx.Registry.PushImageAsync(ns, image, tag);
            await ctx.Registry.PushManifestAsync(ns, extraTag, image.Manifest);
        });

        // Reading everything first means a registry (or a cache in front of one) holds copies
        // that the deletions below must not leave servable.
        pushed &= await Check("setup: pull the image by tag and digest, and its blobs, before deleting", async () =>
        {
            Expect.Prerequisite(pushed, "setup did not complete");
            foreach (var reference in new[] { tag, extraTag, image.Manifest.Digest })
                ContentChecks.Manifest(await ctx.Registry.FetchManifestAsync(HttpMethod.Get, ns, reference), image.Manifest.Digest, image.Manifest);
            foreach (var blob in image.Blobs)
                ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ns, blob.Digest), blob.Digest, blob.Size);
        });

        var tagDeleted = await DeleteAsync("DELETE tag gives 202", pushed, Paths.Manifest(ns, extraTag));
        await ExpectGoneAsync("GET deleted tag gives 404", tagDeleted, Paths.Manifest(ns, extraTag));

        var manifestDeleted = await DeleteAsync("DELETE manifest by digest gives 202", pushed, Paths.Manifest(ns, image.Manifest.Digest));
        await ExpectGoneAsync("GET deleted manifest by digest gives 404", manifestDeleted, Paths.Manifest(ns, image.Manifest.Digest));
        await ExpectGoneAsync("GET tag of a deleted manifest gives 404", manifestDeleted, Paths.Manifest(ns, tag));
        await ExpectGoneAsync("HEAD deleted manifest by digest gives 404", manifestDeleted, Paths.Manifest(ns, image.Manifest.Digest), HttpMethod.Head);

        var blobsDeleted = true;
        foreach (var (blob, index) in image.Blobs.Select((b, i) => (b, i)))
        {
            blobsDeleted &= await DeleteAsync($"DELETE blob {index} gives 202", pushed, Paths.Blob(ns, blob.Digest));
        }

        await Check("GET deleted blobs gives 404", async () =>
        {
            Expect.Prerequisite(blobsDeleted, "not every blob was deleted");
            foreach (var blob in image.Blobs)
            {
                Expect.Status(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ns, blob.Digest), 404);
            }
        });
        await Check("HEAD deleted blobs gives 404", async () =>
        {
            Expect.Prerequisite(blobsDeleted, "not every blob was deleted");
            foreach (var blob in image.Blobs)
            {
                Expect.Status(await ctx.Registry.FetchBlobAsync(HttpMethod.Head, ns, blob.Digest), 404);
            }
        });

        await Check("DELETE unknown manifest gives 404", async () =>
            Expect.Status(await ctx.Registry.SendAsync(HttpMethod.Delete, Paths.Manifest(ns, Digests.Random())), 404));
        await Check("DELETE unknown blob gives 404 BLOB_UNKNOWN", async () =>
            ErrorEnvelope.ExpectError(await ctx.Registry.SendAsync(HttpMethod.Delete, Paths.Blob(ns, Digests.Random())), "BLOB_UNKNOWN", 404));
    }

    // 202 passes; 400 and 405 mean the registry disabled this kind of deletion, which the specification allows.
    private Task<bool> DeleteAsync(string name, bool ready, string path) =>
        Check(name, async () =>
        {
            Expect.Prerequisite(ready, "setup did not complete");
            var response = await ctx.Registry.SendAsync(HttpMethod.Delete, path);
            if (response.Status is 400 or 405)
            {
                throw new CheckSkippedException($"registry refuses this deletion with {response.Status} {Codes(response)}(allowed)");
            }

            Expect.Status(response, 202);
        });

    private Task ExpectGoneAsync(string name, bool deleted, string path, HttpMethod? method = null) =>
        Check(name, async () =>
        {
            Expect.Prerequisite(deleted, "the deletion did not happen");
            var response = await ctx.Client.SendAsync(new RegistryRequest(method ?? HttpMethod.Get, path).WithHeader("Accept", ManifestAccept.Any));
            Expect.Status(response, 404);
        });

    private static string Codes(RegistryResponse response)
    {
        try
        {
            return string.Join(",", ErrorEnvelope.Codes(response)) + " ";
        }
        catch (CheckFailedException)
        {
            return "";
        }
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(Name, name, check);
}
