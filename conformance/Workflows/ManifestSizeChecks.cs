using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push, manifest size: a manifest of 4 MB is one every registry should take; one over 4 MiB (the
/// limit distribution enforces) is either taken or refused with 413. Both are padded with an
/// annotation, so they are valid manifests over the config pushed earlier.
/// </summary>
internal sealed class ManifestSizeChecks(WorkflowContext ctx, string workflow)
{
    private const int AcceptedSize = 4_000_000;
    private const int OverLimitSize = (4 * 1024 * 1024) + 1;

    /// <summary>Runs with <paramref name="config"/> stored in the repository (null when its upload failed).</summary>
    public async Task RunAsync(TestBlob? config)
    {
        await Check("PUT manifest of 4 MB gives 201", async () =>
        {
            Expect.Prerequisite(config is not null, "the config blob was not uploaded");
            var manifest = Padded(config!, AcceptedSize);
            var response = await ctx.Registry.PutManifestAsync(ctx.Namespace, "large-" + TestImage.RandomSuffix(), manifest.Bytes, manifest.MediaType);
            ManifestPushChecks.ExpectCreated(response, manifest);
        });
        await Check("PUT manifest over 4 MiB gives 413 where the registry enforces a limit", async () =>
        {
            Expect.Prerequisite(config is not null, "the config blob was not uploaded");
            var manifest = Padded(config!, OverLimitSize);
            var response = await ctx.Registry.PutManifestAsync(ctx.Namespace, "too-large-" + TestImage.RandomSuffix(), manifest.Bytes, manifest.MediaType);
            Expect.Prerequisite(response.Status != 201, $"registry accepted a manifest of {manifest.Size} bytes (a limit is a SHOULD, and this registry's is higher)");
            if (response.Status is >= 400 and < 500 and not 413)
            {
                // Refused, but not with the recommended status: a SHOULD not followed, recorded as a skip.
                var codes = ErrorEnvelope.ExpectAnyClientError(response);
                throw new CheckSkippedException($"registry refused it with {response.Status} {string.Join(", ", codes)} instead of the recommended 413");
            }

            Expect.Status(response, 413);
        });
    }

    private static TestManifest Padded(TestBlob config, int size)
    {
        const string Key = "org.example.conformance.padding";
        var bare = new ManifestBuilder(config).Annotation(Key, "").Build();
        var padded = new ManifestBuilder(config).Annotation(Key, new string('p', size - bare.Bytes.Length)).Build();
        Expect.That(padded.Bytes.Length == size, $"padded manifest has {padded.Bytes.Length} bytes, wanted {size}");
        return padded;
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
