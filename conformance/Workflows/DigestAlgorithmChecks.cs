using System.Security.Cryptography;
using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Push and pull of blobs addressed by sha512, the image specification's second registered
/// algorithm. Supporting it is optional, so a registry that refuses it with DIGEST_INVALID or
/// UNSUPPORTED skips the rest; a registry that accepts it must store and serve the blob under it.
/// </summary>
internal sealed class DigestAlgorithmChecks(WorkflowContext ctx, string workflow)
{
    public async Task RunAsync()
    {
        var ns = ctx.Namespace;
        var bytes = RandomNumberGenerator.GetBytes(3500);
        var digest = Digests.Sha512(bytes);
        string? location = null;
        var stored = await Check("PUT with a sha512 digest completes an upload (201, Location)", async () =>
        {
            var session = await ctx.Registry.StartUploadAsync(ns);
            var response = await PutAsync(Paths.WithQuery(session, "digest", digest), bytes);
            SkipIfUnsupported(response);
            location = ExpectCreated(response, bytes);
        });
        await Check("GET the Location of a sha512 upload returns the blob", async () =>
        {
            Expect.Prerequisite(stored, "the sha512 upload did not complete");
            ExpectBlob(await ctx.Registry.SendAsync(HttpMethod.Get, location!), bytes);
        });
        await Check("GET blob by its sha512 digest returns it", async () =>
        {
            Expect.Prerequisite(stored, "the sha512 upload did not complete");
            ExpectBlob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ns, digest), bytes);
        });
        await Check("HEAD blob by its sha512 digest gives 200 and Content-Length", async () =>
        {
            Expect.Prerequisite(stored, "the sha512 upload did not complete");
            var response = await ctx.Registry.FetchBlobAsync(HttpMethod.Head, ns, digest);
            Expect.Status(response, 200);
            Expect.ContentLength(response, bytes.Length);
        });
        await Check("POST with a sha512 digest uploads a blob in a single request", async () =>
        {
            var single = RandomNumberGenerator.GetBytes(1200);
            var singleDigest = Digests.Sha512(single);
            var response = await ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Post, Paths.WithQuery(Paths.Uploads(ns), "digest", singleDigest))
            {
                Body = single,
                ContentType = MediaTypes.OctetStream,
            });
            SkipIfUnsupported(response);
            if (response.Status == 202)
                response = await PutAsync(Paths.WithQuery(Expect.Header(response, "Location"), "digest", singleDigest), single);
            SkipIfUnsupported(response);
            ExpectCreated(response, single);
            ExpectBlob(await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ns, singleDigest), single);
        });
        await Check("PUT with a sha512 digest that does not match the body gives 400 DIGEST_INVALID", async () =>
        {
            Expect.Prerequisite(stored, "the registry does not take sha512 uploads");
            var session = await ctx.Registry.StartUploadAsync(ns);
            var response = await PutAsync(Paths.WithQuery(session, "digest", Digests.Sha512(RandomNumberGenerator.GetBytes(16))), bytes);
            ErrorEnvelope.ExpectError(response, "DIGEST_INVALID", 400);
        });
    }

    private Task<RegistryResponse> PutAsync(string target, byte[] body) =>
        ctx.Client.SendAsync(new RegistryRequest(HttpMethod.Put, target) { Body = body, ContentType = MediaTypes.OctetStream });

    // Optional algorithm: refusing it outright is allowed; accepting it and failing later is not.
    private static void SkipIfUnsupported(RegistryResponse response)
    {
        if (response.Status is 400 or 405 && ErrorEnvelopeCodes(response).Any(c => c is "DIGEST_INVALID" or "UNSUPPORTED"))
            throw new CheckSkippedException($"registry refuses sha512 digests ({response.Status}, allowed: the algorithm is optional)");
    }

    private static IReadOnlyList<string> ErrorEnvelopeCodes(RegistryResponse response)
    {
        try { return ErrorEnvelope.Codes(response); }
        catch (CheckFailedException) { return []; }
    }

    /// <summary>201 with a Location; a Docker-Content-Digest, when sent, that hashes the bytes in its own algorithm.</summary>
    private static string ExpectCreated(RegistryResponse response, byte[] bytes)
    {
        Expect.Status(response, 201);
        ExpectDigestHeaderNames(response, bytes);
        return Expect.Header(response, "Location");
    }

    private static void ExpectBlob(RegistryResponse response, byte[] bytes)
    {
        Expect.Status(response, 200);
        Expect.That(response.Body.AsSpan().SequenceEqual(bytes), $"body of {response.Body.Length} bytes is not the uploaded blob");
        ExpectDigestHeaderNames(response, bytes);
    }

    // The header may be the registry's canonical digest rather than the one the client used
    // (another "domain"), but either way it must be a digest of these bytes.
    private static void ExpectDigestHeaderNames(RegistryResponse response, byte[] bytes)
    {
        if (response.Header("Docker-Content-Digest") is not { } header) return;
        var computed = Digests.InAlgorithmOf(header, bytes);
        Expect.That(computed is null || computed == header, $"Docker-Content-Digest '{header}' does not hash the blob");
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
