using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push: monolithic and single-request blob uploads, upload cancellation and digest checks here;
/// chunked uploads in <see cref="ChunkedUploadChecks"/> and <see cref="UploadSessionChecks"/>, mounts in <see cref="CrossMountChecks"/>,
/// manifests in <see cref="ManifestPushChecks"/>.
/// </summary>
internal sealed class PushWorkflow(WorkflowContext ctx) : IWorkflow
{
    public string Name => "push";

    public string EnabledBy => "OCI_TEST_PUSH";

    public bool Enabled => ctx.Settings.TestPush;

    public async Task RunAsync()
    {
        // Layer 0 goes up monolithically, layer 1 in chunks, layer 2 in a single POST; the manifest needs all.
        var image = TestImage.Generate(3000, 5000, 2000);
        var monolithic = await MonolithicAsync(image.Config) & await MonolithicAsync(image.Layers[0]);
        var single = await SingleRequestAsync(image.Layers[2]);
        var chunked = await new ChunkedUploadChecks(ctx, Name).RunAsync(image.Layers[1]);
        await CancelAsync();
        await new UploadSessionChecks(ctx, Name).RunAsync();
        await new ChunkRefusalChecks(ctx, Name).RunAsync();
        await MismatchedDigestAsync();
        await new DigestAlgorithmChecks(ctx, Name).RunAsync();
        await new CrossMountChecks(ctx, Name).RunAsync(monolithic ? image.Config : null);
        await new ManifestPushChecks(ctx, Name).RunAsync(image, monolithic && single && chunked);
        await new ManifestSizeChecks(ctx, Name).RunAsync(monolithic ? image.Config : null);
    }

    private async Task<bool> MonolithicAsync(TestBlob blob)
    {
        var kind = blob.MediaType == MediaTypes.ImageConfig ? "config" : "layer";
        string? location = null;
        var started = await Check($"POST starts an upload session for the {kind} (202, Location)", async () =>
            location = await ctx.Registry.StartUploadAsync(ctx.Namespace));
        var done = await Check($"PUT with digest completes the monolithic {kind} upload (201)", async () =>
        {
            Expect.Prerequisite(started, "no upload session");
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(location!, "digest", blob.Digest))
            {
                Body = blob.Bytes,
                ContentType = MediaTypes.OctetStream,
            });
            ExpectCreated(response, blob.Digest);
        });
        return done & await ExpectStoredAsync($"GET {kind} after monolithic upload", done, blob);
    }

    private async Task<bool> SingleRequestAsync(TestBlob blob)
    {
        var stored = false;
        await Check("POST with digest uploads a blob in a single request (201)", async () =>
        {
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Post, Paths.WithQuery(Paths.Uploads(ctx.Namespace), "digest", blob.Digest))
            {
                Body = blob.Bytes,
                ContentType = MediaTypes.OctetStream,
            });
            if (response.Status == 202)
            {
                // The specification lets a registry answer with a session instead; finish the upload through it.
                var put = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(Expect.Header(response, "Location"), "digest", blob.Digest))
                {
                    Body = blob.Bytes,
                    ContentType = MediaTypes.OctetStream,
                });
                ExpectCreated(put, blob.Digest);
                stored = true;
                throw new CheckSkippedException("registry answered 202 with an upload session instead (allowed); the blob was completed with PUT");
            }

            ExpectCreated(response, blob.Digest);
            stored = true;
        });
        return await ExpectStoredAsync("GET blob after single-request upload", stored, blob);
    }

    private async Task CancelAsync()
    {
        string? location = null;
        var cancelled = await Check("DELETE cancels an upload session (204)", async () =>
        {
            location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
            Expect.Status(await ctx.Registry.SendAsync(HttpMethod.Delete, location), 204);
        });
        await Check("GET a cancelled upload session gives 404 BLOB_UPLOAD_UNKNOWN", async () =>
        {
            Expect.Prerequisite(cancelled, "cancelling failed");
            ErrorEnvelope.ExpectError(await ctx.Registry.SendAsync(HttpMethod.Get, location!), "BLOB_UPLOAD_UNKNOWN", 404);
        });
        await Check("PATCH to a cancelled upload session gives 404 BLOB_UPLOAD_UNKNOWN", async () =>
        {
            Expect.Prerequisite(cancelled, "cancelling failed");
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Patch, location!)
            {
                Body = "late chunk"u8.ToArray(),
                ContentType = MediaTypes.OctetStream,
            }.WithHeader("Content-Range", "0-9"));
            ErrorEnvelope.ExpectError(response, "BLOB_UPLOAD_UNKNOWN", 404);
        });
    }

    private Task MismatchedDigestAsync() =>
        Check("PUT with a digest that does not match the body gives 400 DIGEST_INVALID", async () =>
        {
            var location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(location, "digest", Digests.Random()))
            {
                Body = "these bytes do not hash to the digest"u8.ToArray(),
                ContentType = MediaTypes.OctetStream,
            });
            ErrorEnvelope.ExpectError(response, "DIGEST_INVALID", 400);
        });

    /// <summary>201 with a Location; a Docker-Content-Digest, when sent, equal to the blob's.</summary>
    internal static void ExpectCreated(RegistryResponse response, string digest)
    {
        Expect.Status(response, 201);
        Expect.Header(response, "Location");
        if (response.Header("Docker-Content-Digest") is { } header)
        {
            Expect.That(header == digest, $"Docker-Content-Digest '{header}', expected {digest}");
        }
    }

    private Task<bool> ExpectStoredAsync(string name, bool uploaded, TestBlob blob) =>
        Check(name, async () =>
        {
            Expect.Prerequisite(uploaded, "the upload did not complete");
            ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ctx.Namespace, blob.Digest), blob.Digest, blob.Size);
        });

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(Name, name, check);
}
