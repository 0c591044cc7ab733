using Conformance.Content;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Content discovery: the tags list with <c>n</c>, <c>last</c> and Link pagination here; the
/// referrers API in <see cref="ReferrersChecks"/>. Expectations are derived from the registry's own
/// full list, so tags that were already in the repository do not disturb the checks.
/// </summary>
internal sealed class ContentDiscoveryWorkflow(WorkflowContext ctx) : IWorkflow
{
    private const int PageSize = 2;

    public string Name => "content-discovery";

    public string EnabledBy => "OCI_TEST_CONTENT_DISCOVERY";

    public bool Enabled => ctx.Settings.TestContentDiscovery;

    public async Task RunAsync()
    {
        var ns = ctx.Namespace;
        var image = TestImage.Generate(1024);
        var prefix = "disc-" + TestImage.RandomSuffix() + "-";
        string[] tags = [prefix + "a", prefix + "b", prefix + "c", prefix + "d"];
        var pushed = await Check("setup: push an image under four tags", async () =>
        {
            await ctx.Registry.PushImageAsync(ns, image, tags[0]);
            foreach (var tag in tags.Skip(1))
            {
                await ctx.Registry.PushManifestAsync(ns, tag, image.Manifest);
            }
        });

        IReadOnlyList<string> all = [];
        var listed = await Check("GET tags list includes every pushed tag", async () =>
        {
            Expect.Prerequisite(pushed, "tags were not pushed");
            var list = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns)));
            Expect.That(list.Name == ns, $"'name' is '{list.Name}', expected '{ns}'");
            var missing = tags.Except(list.Tags).ToList();
            Expect.That(missing.Count == 0, $"tags missing from the list: {string.Join(", ", missing)}");
            all = list.Tags;
        });
        await Check("tags list is in lexical order", () =>
        {
            Expect.Prerequisite(listed, "the tags list was not read");
            Expect.That(IsSorted(all, StringComparer.Ordinal) || IsSorted(all, StringComparer.OrdinalIgnoreCase), $"tags not sorted: {string.Join(", ", all.Take(10))}");
            return Task.CompletedTask;
        });
        await Check("GET tags list of a repository that does not exist gives 404 NAME_UNKNOWN", async () =>
        {
            var response = await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns + "-absent-" + TestImage.RandomSuffix()));
            ErrorEnvelope.ExpectError(response, "NAME_UNKNOWN", 404);
        });
        await new TagPaginationChecks(ctx, Name).RunAsync(listed ? all : null, tags[0], PageSize);
        await new ReferrersChecks(ctx, Name).RunAsync(pushed ? image : null);
    }

    private static bool IsSorted(IReadOnlyList<string> values, StringComparer comparer) =>
        values.Zip(values.Skip(1)).All(pair => comparer.Compare(pair.First, pair.Second) <= 0);

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(Name, name, check);
}
