using System.Text.RegularExpressions;
using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Content discovery, the referrers list itself (API only): a referrer without an artifactType is
/// listed under its config's media type, and a list split into pages links each page to the next
/// (Link, rel="next") so that following the links yields every referrer exactly once.
/// </summary>
internal sealed partial class ReferrersListingChecks(WorkflowContext ctx, string workflow)
{
    private const string ConfigType = "application/vnd.example.conformance.config.v1+json";
    private const int MaxPages = 50;

    /// <summary>
    /// Runs against <paramref name="subject"/> (null when the API is absent, <paramref name="skipReason"/> then
    /// says why) and the referrers already pushed for it.
    /// </summary>
    public async Task RunAsync(TestImage? subject, IReadOnlyList<TestManifest> pushed, TestBlob emptyConfig, string skipReason)
    {
        var ns = ctx.Namespace;
        // The same "{}" bytes as the empty config (already stored), described with a media type of its own.
        var config = new TestBlob(emptyConfig.Bytes, ConfigType);
        TestManifest? untyped = null;
        await Check("GET referrers gives a referrer without artifactType its config's media type", async () =>
        {
            Expect.Prerequisite(subject is not null, skipReason.Length > 0 ? skipReason : "the subject image or its referrers were not pushed");
            untyped = new ManifestBuilder(config).Layer(subject!.Layers[0]).Subject(subject.Manifest)
                .Annotation("org.example.conformance.kind", "untyped").Build();
            await ctx.Registry.PushManifestAsync(ns, untyped.Digest, untyped);
            var entries = ReferrersIndex.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Referrers(ns, subject.Manifest.Digest)));
            var entry = entries.FirstOrDefault(e => e.Digest == untyped.Digest)
                ?? throw new CheckFailedException($"referrer {untyped.Digest} is not listed ({entries.Count} entries)");
            Expect.That(entry.ArtifactType == ConfigType, $"descriptor artifactType '{entry.ArtifactType}', expected the config media type {ConfigType}");
        });
        await Check("GET referrers pages, followed by their Link headers, list every referrer once", async () =>
        {
            Expect.Prerequisite(subject is not null, skipReason.Length > 0 ? skipReason : "the subject image or its referrers were not pushed");
            var seen = new List<string>();
            var target = Paths.Referrers(ns, subject!.Manifest.Digest);
            for (var page = 0; target is not null; page++)
            {
                Expect.That(page < MaxPages, $"more than {MaxPages} pages: the Link headers loop");
                var response = await ctx.Registry.SendAsync(HttpMethod.Get, target);
                seen.AddRange(ReferrersIndex.From(response).Select(e => e.Digest));
                target = Next(response.Header("Link"));
            }

            var expected = pushed.Append(untyped).OfType<TestManifest>().Select(m => m.Digest).ToList();
            var missing = expected.Except(seen).ToList();
            Expect.That(missing.Count == 0, $"referrers missing from the pages: {string.Join(", ", missing)}");
            var repeated = seen.GroupBy(d => d).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Expect.That(repeated.Count == 0, $"referrers listed more than once: {string.Join(", ", repeated)}");
        });
    }

    // A Link header, when present, must name the next page as <url>; rel="next".
    private static string? Next(string? link)
    {
        if (link is null)
        {
            return null;
        }

        var match = NextLink().Match(link);
        Expect.That(match.Success, $"Link header '{link}' is not <url>; rel=\"next\"");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("^\\s*<([^>]+)>\\s*;\\s*rel=\"?next\"?\\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex NextLink();

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
