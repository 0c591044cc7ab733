using System.Text.Json;
using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Referrers, whichever way the registry offers them. With the referrers API (OCI-Subject on the
/// push, or a 200 from the endpoint) the pushed artifact must be listed, a filter on a type nobody
/// has must give an empty index, and a malformed digest a 400. Without it (no OCI-Subject and a 404
/// from the endpoint), the suite does what a client must do: it adds the artifacts to the index
/// under the referrers tag and checks that the registry serves that index back by the tag.
/// </summary>
internal sealed class ReferrersFallbackChecks(WorkflowContext ctx, string workflow)
{
    /// <summary>Runs for <paramref name="subject"/> and the artifacts pushed for it (null subject: setup failed).</summary>
    public async Task RunAsync(TestManifest? subject, IReadOnlyList<ReferrerArtifact> artifacts, bool subjectAcknowledged)
    {
        var ns = ctx.Namespace;
        bool? hasApi = null;
        await Check("referrers API or, without it, the referrers tag lists an artifact pushed with subject", async () =>
        {
            Expect.Prerequisite(subject is not null && artifacts.Count > 0, "artifacts were not pushed");
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject!.Digest));
            hasApi = subjectAcknowledged || response.Status != 404;
            if (hasApi == true)
            {
                ExpectListed(ReferrersIndex.From(response), artifacts);
                return;
            }

            var tag = ReferrersTag.Of(subject.Digest);
            var current = await ctx.Registry.FetchManifestAsync(HttpMethod.Get, ns, tag);
            Expect.Status(current, 200, 404);
            var index = IndexWith(current.Status == 200 ? current.Body : null, artifacts);
            await ctx.Registry.PushManifestAsync(ns, tag, new TestManifest(index, MediaTypes.ImageIndex));
            ExpectListed(ReferrersIndex.From(await ctx.Registry.FetchManifestAsync(HttpMethod.Get, ns, tag)), artifacts);
        });
        await Check("GET referrers filtered by an artifactType no referrer has gives an empty index", async () =>
        {
            Expect.Prerequisite(hasApi == true, "the registry has no referrers API (the referrers tag is filtered by clients)");
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject!.Digest, "application/vnd.example.conformance.absent.v1"));
            var entries = ReferrersIndex.From(response);
            Expect.Prerequisite(response.Header("OCI-Filters-Applied") is not null, "registry did not filter (no OCI-Filters-Applied); filtering is a SHOULD");
            Expect.That(entries.Count == 0, $"expected no referrers of that type, got {entries.Count}");
        });
        await Check("GET referrers with a malformed digest gives 400", async () =>
        {
            Expect.Prerequisite(hasApi == true, "the registry has no referrers API");
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, "sha256:not-a-digest"));
            Expect.Status(response, 400);
        });
    }

    private static void ExpectListed(IReadOnlyList<ReferrerEntry> entries, IReadOnlyList<ReferrerArtifact> artifacts)
    {
        foreach (var artifact in artifacts)
        {
            var entry = entries.FirstOrDefault(e => e.Digest == artifact.Manifest.Digest)
                ?? throw new CheckFailedException($"referrer {artifact.Manifest.Digest} is not listed ({entries.Count} entries)");
            Expect.That(entry.ArtifactType == artifact.ArtifactType, $"descriptor artifactType '{entry.ArtifactType}', expected '{artifact.ArtifactType}'");
            Expect.That(entry.Size == artifact.Manifest.Size, $"descriptor size {entry.Size}, expected {artifact.Manifest.Size}");
        }
    }

    /// <summary>
    /// The client's update of the referrers tag: the descriptors already there (an absent tag is an
    /// empty index), minus those of the artifacts, plus one per artifact with its artifactType and annotations.
    /// </summary>
    private static byte[] IndexWith(byte[]? existing, IReadOnlyList<ReferrerArtifact> artifacts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", 2);
            json.WriteString("mediaType", MediaTypes.ImageIndex);
            json.WriteStartArray("manifests");
            if (existing is not null)
            {
                using var doc = JsonDocument.Parse(existing);
                if (doc.RootElement.TryGetProperty("manifests", out var kept) && kept.ValueKind == JsonValueKind.Array)
                {
                    foreach (var descriptor in kept.EnumerateArray().Where(d => !artifacts.Any(a => IsDescriptorOf(d, a))))
                    {
                        descriptor.WriteTo(json);
                    }
                }
            }

            foreach (var artifact in artifacts)
            {
                json.WriteStartObject();
                json.WriteString("mediaType", artifact.Manifest.MediaType);
                json.WriteString("digest", artifact.Manifest.Digest);
                json.WriteNumber("size", artifact.Manifest.Size);
                json.WriteString("artifactType", artifact.ArtifactType);
                json.WriteStartObject("annotations");
                foreach (var (key, value) in artifact.Annotations)
                {
                    json.WriteString(key, value);
                }

                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static bool IsDescriptorOf(JsonElement descriptor, ReferrerArtifact artifact) =>
        descriptor.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.String && digest.GetString() == artifact.Manifest.Digest;

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
