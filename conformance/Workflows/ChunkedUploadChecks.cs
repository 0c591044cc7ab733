using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push, chunked: POST, PATCH the first half with Content-Range, read the session status, PATCH
/// the second half, close with PUT and read the blob back; then, in a separate session, an
/// out-of-order chunk must be refused with 416.
/// </summary>
internal sealed class ChunkedUploadChecks(WorkflowContext ctx, string workflow)
{
    private string? _location;

    /// <summary>Uploads <paramref name="blob"/> in two chunks; true when it ended up stored.</summary>
    public async Task<bool> RunAsync(TestBlob blob)
    {
        var half = (int)(blob.Size / 2);
        var first = await Check("PATCH first chunk with Content-Range gives 202 and Range", async () =>
        {
            _location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
            await PatchAsync(blob.Bytes.AsMemory(0, half), 0, expectedStatus: 202);
        });
        await Check("GET upload status gives 204 with Range", async () =>
        {
            Expect.Prerequisite(first, "first chunk was not accepted");
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, _location!);
            Expect.Status(response, 204);
            Expect.HeaderEquals(response, "Range", $"0-{half - 1}");
            _location = Expect.Header(response, "Location");
        });
        var second = await Check("PATCH second chunk gives 202 and Range over the whole blob", async () =>
        {
            Expect.Prerequisite(first, "first chunk was not accepted");
            await PatchAsync(blob.Bytes.AsMemory(half), half, expectedStatus: 202);
        });
        var closed = await Check("PUT with digest closes the chunked upload (201)", async () =>
        {
            Expect.Prerequisite(second, "second chunk was not accepted");
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, Paths.WithQuery(_location!, "digest", blob.Digest)));
            PushWorkflow.ExpectCreated(response, blob.Digest);
        });
        var stored = await Check("GET blob after chunked upload", async () =>
        {
            Expect.Prerequisite(closed, "the upload did not complete");
            ContentChecks.Blob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ctx.Namespace, blob.Digest), blob.Digest, blob.Size);
        });
        await OutOfOrderAsync(blob, half);
        return closed & stored;
    }

    // A session of its own: a registry that appends the chunk anyway must not spoil the upload above.
    private Task OutOfOrderAsync(TestBlob blob, int half) =>
        Check("PATCH out-of-order chunk gives 416", async () =>
        {
            _location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
            await PatchAsync(blob.Bytes.AsMemory(0, half), 0, expectedStatus: 202);
            // Leaves a gap after the stored bytes: the registry cannot append this chunk.
            var response = await SendPatchAsync(blob.Bytes.AsMemory(half), half + 100);
            await ctx.Registry.SendAsync(HttpMethod.Delete, response.Header("Location") ?? _location!);
            Expect.Status(response, 416);
        });

    private async Task PatchAsync(ReadOnlyMemory<byte> chunk, long start, int expectedStatus)
    {
        var response = await SendPatchAsync(chunk, start);
        Expect.Status(response, expectedStatus);
        Expect.HeaderEquals(response, "Range", $"0-{start + chunk.Length - 1}");
        _location = Expect.Header(response, "Location");
    }

    private Task<RegistryResponse> SendPatchAsync(ReadOnlyMemory<byte> chunk, long start) =>
        ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Patch, _location!)
        {
            Body = chunk.ToArray(),
            ContentType = MediaTypes.OctetStream,
        }.WithHeader("Content-Range", $"{start}-{start + chunk.Length - 1}"));

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
