using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push, chunks the registry cannot accept as sent: a Content-Range that is not
/// <c>&lt;start&gt;-&lt;end&gt;</c>, and one whose length is not the body's. Each in a session of its
/// own, cancelled afterwards, so a registry that appends anyway spoils nothing else.
/// </summary>
internal sealed class ChunkRefusalChecks(WorkflowContext ctx, string workflow)
{
    public async Task RunAsync()
    {
        var chunk = TestImage.Generate(100).Layers[0].Bytes;
        await Check("PATCH with a malformed Content-Range gives 416", async () =>
        {
            var response = await PatchAsync(chunk, "0-x");
            Expect.Status(response, 416);
        });
        await Check("PATCH whose Content-Range length differs from its body is refused (416, or 400 SIZE_INVALID)", async () =>
        {
            var response = await PatchAsync(chunk, $"0-{(chunk.Length * 2) - 1}");
            if (response.Status == 400)
            {
                ErrorEnvelope.ExpectError(response, "SIZE_INVALID", 400);
                return;
            }

            Expect.Status(response, 416);
        });
    }

    private async Task<RegistryResponse> PatchAsync(byte[] body, string contentRange)
    {
        var location = await ctx.Registry.StartUploadAsync(ctx.Namespace);
        var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Patch, location)
        {
            Body = body,
            ContentType = MediaTypes.OctetStream,
        }.WithHeader("Content-Range", contentRange));
        await ctx.Registry.SendAsync(HttpMethod.Delete, response.Header("Location") ?? location);
        return response;
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
