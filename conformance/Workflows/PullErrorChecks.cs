using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>The pull workflow's negative checks: unknown content is 404 with the right code, malformed input a 4xx with an error envelope.</summary>
internal sealed class PullErrorChecks(WorkflowContext ctx, string workflow)
{
    public async Task RunAsync()
    {
        var ns = ctx.Namespace;
        var registry = ctx.Registry;
        var missingTag = "missing-" + TestImage.RandomSuffix();
        var missingDigest = Digests.Random();

        await CheckAsync("HEAD nonexistent manifest gives 404", async () =>
            Expect.Status(await registry.FetchManifestAsync(HttpMethod.Head, ns, missingTag), 404));
        await CheckAsync("GET nonexistent manifest by tag gives 404 MANIFEST_UNKNOWN", async () =>
            ErrorEnvelope.ExpectError(await registry.FetchManifestAsync(HttpMethod.Get, ns, missingTag), "MANIFEST_UNKNOWN", 404));
        await CheckAsync("GET nonexistent manifest by digest gives 404 MANIFEST_UNKNOWN", async () =>
            ErrorEnvelope.ExpectError(await registry.FetchManifestAsync(HttpMethod.Get, ns, missingDigest), "MANIFEST_UNKNOWN", 404));
        await CheckAsync("HEAD nonexistent blob gives 404", async () =>
            Expect.Status(await registry.FetchBlobAsync(HttpMethod.Head, ns, missingDigest), 404));
        await CheckAsync("GET nonexistent blob gives 404 BLOB_UNKNOWN", async () =>
            ErrorEnvelope.ExpectError(await registry.FetchBlobAsync(HttpMethod.Get, ns, missingDigest), "BLOB_UNKNOWN", 404));

        // Names the grammar rejects: upper case, and longer than 255 characters (short components, so
        // the length rule is what is tested, not a file system's limit on one path component).
        var longName = ns + string.Concat(Enumerable.Repeat("/abcdefghij", 26));
        await CheckAsync("GET manifest of an upper-case repository name gives 4xx with envelope", async () =>
            ErrorEnvelope.ExpectAnyClientError(await registry.FetchManifestAsync(HttpMethod.Get, ns + "/Invalid_Name", "latest")));
        await CheckAsync("GET manifest of a repository name over 255 characters gives 4xx with envelope", async () =>
            ErrorEnvelope.ExpectAnyClientError(await registry.FetchManifestAsync(HttpMethod.Get, longName, "latest")));

        // A sha256 digest with 63 hex characters: shaped like a digest, invalid by length.
        var malformed = "sha256:" + missingDigest[7..^1];
        await CheckAsync("GET blob with a malformed digest gives 4xx with envelope", async () =>
            ErrorEnvelope.ExpectAnyClientError(await registry.FetchBlobAsync(HttpMethod.Get, ns, malformed)));
        await CheckAsync("GET manifest with a malformed digest gives 4xx with envelope", async () =>
            ErrorEnvelope.ExpectAnyClientError(await registry.FetchManifestAsync(HttpMethod.Get, ns, malformed)));

        // Outside the tag grammar (it starts with a dot) and not a digest: no manifest can have it.
        const string invalidReference = ".INVALID_MANIFEST_NAME";
        await CheckAsync("HEAD manifest with a reference that is neither tag nor digest gives 404", async () =>
            Expect.Status(await registry.FetchManifestAsync(HttpMethod.Head, ns, invalidReference), 404));
        await CheckAsync("GET manifest with a reference that is neither tag nor digest gives 404 MANIFEST_UNKNOWN", async () =>
            ExpectNotFound(await registry.FetchManifestAsync(HttpMethod.Get, ns, invalidReference), "MANIFEST_UNKNOWN"));
    }

    /// <summary>404; a body that is an error envelope must carry <paramref name="code"/> (the status is what the specification requires).</summary>
    internal static void ExpectNotFound(Http.RegistryResponse response, string code)
    {
        Expect.Status(response, 404);
        if (response.Body.Length == 0 || response.Body[0] != (byte)'{') return;
        ErrorEnvelope.ExpectError(response, code, 404);
    }

    private Task<bool> CheckAsync(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
