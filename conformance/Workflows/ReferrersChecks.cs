using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Content discovery, referrers: two artifacts with different artifactTypes name the image as
/// their subject; the referrers API must list both (with artifactType and annotations), filter
/// by artifactType when it says so, and answer an empty index for a manifest without referrers.
/// </summary>
internal sealed class ReferrersChecks(WorkflowContext ctx, string workflow)
{
    private const string SbomType = "application/vnd.example.conformance.sbom.v1";
    private const string SignatureType = "application/vnd.example.conformance.signature.v1";
    private const string NoApi = "registry has no referrers API (no OCI-Subject on push, 404 from the endpoint); the referrers tag fallback is checked instead";

    /// <summary>Runs against <paramref name="subject"/> (pushed by the workflow's setup; null when that failed).</summary>
    public async Task RunAsync(TestImage? subject)
    {
        var ns = ctx.Namespace;
        var emptyConfig = new TestBlob("{}"u8.ToArray(), MediaTypes.Empty);
        string[] types = [SbomType, SignatureType];
        var artifacts = subject is null ? [] : types.Select(type => Artifact(subject, emptyConfig, type)).ToArray();
        var subjectHeaders = new List<string?>();
        var pushed = await Check("setup: push two artifacts whose subject is the image", async () =>
        {
            Expect.Prerequisite(subject is not null, "the subject image was not pushed");
            await ctx.Registry.PushBlobAsync(ns, emptyConfig);
            foreach (var artifact in artifacts)
            {
                var response = await ctx.Registry.PushManifestAsync(ns, artifact.Digest, artifact);
                subjectHeaders.Add(response.Header("OCI-Subject"));
            }
        });
        await Check("PUT manifest with subject returns OCI-Subject", () =>
        {
            Expect.Prerequisite(pushed, "artifacts were not pushed");
            Expect.Prerequisite(subjectHeaders.Any(h => h is not null), "registry sent no OCI-Subject header (clients then fall back to the referrers tag)");
            Expect.That(subjectHeaders.All(h => h == subject!.Manifest.Digest), $"OCI-Subject [{string.Join(", ", subjectHeaders)}], expected {subject!.Manifest.Digest}");
            return Task.CompletedTask;
        });

        // Without the API (no OCI-Subject, and 404 from the endpoint) clients use the referrers tag,
        // which the fallback checks below hold the registry to; the API's own checks do not apply.
        var api = pushed && (subjectHeaders.Any(h => h is not null)
            || (await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject!.Manifest.Digest))).Status != 404);
        var noApi = pushed && !api;
        await Check("GET referrers lists both artifacts with artifactType and annotations", async () =>
        {
            Expect.Prerequisite(pushed, "artifacts were not pushed");
            Expect.Prerequisite(api, NoApi);
            var entries = ReferrersIndex.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject!.Manifest.Digest)));
            for (var i = 0; i < artifacts.Length; i++)
            {
                ExpectListed(entries, artifacts[i], types[i]);
            }
        });
        await Check("GET referrers with artifactType filter", async () =>
        {
            Expect.Prerequisite(pushed, "artifacts were not pushed");
            Expect.Prerequisite(api, NoApi);
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject!.Manifest.Digest, SbomType));
            var entries = ReferrersIndex.From(response);
            ExpectListed(entries, artifacts[0], SbomType);
            var applied = response.Header("OCI-Filters-Applied");
            Expect.Prerequisite(applied is not null, "registry did not filter (no OCI-Filters-Applied); filtering is a SHOULD");
            Expect.That(applied!.Split(',').Select(f => f.Trim()).Contains("artifactType"), $"OCI-Filters-Applied is '{applied}', expected it to name artifactType");
            Expect.That(entries.All(e => e.ArtifactType == SbomType), $"filtered list has other artifact types: {string.Join(", ", entries.Select(e => e.ArtifactType))}");
        });
        await Check("GET referrers of a manifest without referrers gives an empty index", async () =>
        {
            Expect.Prerequisite(!noApi, NoApi);
            var entries = ReferrersIndex.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, Digests.Random())));
            Expect.That(entries.Count == 0, $"expected no referrers, got {entries.Count}");
        });
        var pushedArtifacts = pushed ? artifacts.Select((a, i) => new ReferrerArtifact(a, types[i], AnnotationsOf(types[i]))).ToList() : [];
        await new ReferrersFallbackChecks(ctx, workflow).RunAsync(subject?.Manifest, pushedArtifacts, subjectHeaders.Any(h => h is not null));
        await new ReferrersListingChecks(ctx, workflow).RunAsync(api ? subject : null, pushed ? artifacts : [], emptyConfig, api || !pushed ? "" : NoApi);
    }

    private static TestManifest Artifact(TestImage subject, TestBlob config, string artifactType)
    {
        var builder = new ManifestBuilder(config).Layer(subject.Layers[0]).ArtifactType(artifactType).Subject(subject.Manifest);
        foreach (var (key, value) in AnnotationsOf(artifactType))
        {
            builder.Annotation(key, value);
        }

        return builder.Build();
    }

    private static void ExpectListed(IReadOnlyList<ReferrerEntry> entries, TestManifest artifact, string artifactType)
    {
        var entry = entries.FirstOrDefault(e => e.Digest == artifact.Digest)
            ?? throw new CheckFailedException($"referrer {artifact.Digest} is not listed ({entries.Count} entries)");
        Expect.That(entry.MediaType == artifact.MediaType, $"descriptor mediaType '{entry.MediaType}', expected {artifact.MediaType}");
        Expect.That(entry.Size == artifact.Size, $"descriptor size {entry.Size}, expected {artifact.Size}");
        Expect.That(entry.ArtifactType == artifactType, $"descriptor artifactType '{entry.ArtifactType}', expected '{artifactType}'");
        foreach (var (key, value) in AnnotationsOf(artifactType))
        {
            Expect.That(entry.Annotations.GetValueOrDefault(key) == value, $"descriptor lacks the manifest's annotation {key}={value}");
        }
    }

    private static Dictionary<string, string> AnnotationsOf(string artifactType) => new()
    {
        ["org.example.conformance.kind"] = artifactType,
        ["org.opencontainers.image.created"] = "2024-01-01T00:00:00Z",
    };

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
