using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push, the rest of the session life cycle: a chunked upload whose last chunk travels in the
/// closing PUT, a chunk sent to that session once it is complete, and a session the registry never
/// opened (status and PUT).
/// </summary>
internal sealed class UploadSessionChecks(WorkflowContext ctx, string workflow)
{
    public async Task RunAsync()
    {
        var blob = TestImage.Generate(2400).Layers[0];
        var half = (int)(blob.Size / 2);
        string? completed = null;
        var closed = await Check("PUT with the final chunk in its body closes a chunked upload (201)", async () =>
        {
            var location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
            var patch = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Patch, location)
            {
                Body = blob.Bytes.AsMemory(0, half).ToArray(),
                ContentType = MediaTypes.OctetStream,
            }.WithHeader("Content-Range", $"0-{half - 1}"));
            Expect.Status(patch, 202);
            location = Expect.Header(patch, "Location");
            var put = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(location, "digest", blob.Digest))
            {
                Body = blob.Bytes.AsMemory(half).ToArray(),
                ContentType = MediaTypes.OctetStream,
            });
            PushWorkflow.ExpectCreated(put, blob.Digest);
            completed = location;
        });
        await Check("GET blob after a PUT carrying the final chunk", async () =>
        {
            Expect.Prerequisite(closed, "the upload did not complete");
            ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ctx.Namespace, blob.Digest), blob.Digest, blob.Size);
        });
        await Check("PATCH to a completed upload session gives 404 BLOB_UPLOAD_UNKNOWN", async () =>
        {
            Expect.Prerequisite(completed is not null, "the upload did not complete");
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Patch, completed!)
            {
                Body = "late chunk"u8.ToArray(),
                ContentType = MediaTypes.OctetStream,
            }.WithHeader("Content-Range", $"{blob.Size}-{blob.Size + 9}"));
            ErrorEnvelope.ExpectError(response, "BLOB_UPLOAD_UNKNOWN", 404);
        });
        await Check("PUT to an upload session never opened gives 404", async () =>
        {
            var session = Paths.Uploads(ctx.Namespace) + Guid.NewGuid().ToString("D");
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(session, "digest", blob.Digest))
            {
                Body = blob.Bytes,
                ContentType = MediaTypes.OctetStream,
            });
            ExpectUploadUnknown(response);
        });
        // 404 is what the endpoint table requires; the code is left open (distribution says
        // BLOB_UPLOAD_INVALID for a session URL without its state), but it must be an upload code.
        await Check("GET status of an upload session never opened gives 404", async () =>
        {
            ExpectUploadUnknown(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Uploads(ctx.Namespace) + Guid.NewGuid().ToString("D")));
        });
    }

    private static void ExpectUploadUnknown(RegistryResponse response)
    {
        Expect.Status(response, 404);
        var codes = ErrorEnvelope.Codes(response);
        Expect.That(codes.Any(c => c is "BLOB_UPLOAD_UNKNOWN" or "BLOB_UPLOAD_INVALID"), $"expected an upload error code, envelope has {string.Join(", ", codes)}");
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
