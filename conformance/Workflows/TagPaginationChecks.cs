using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>Content discovery, tags pagination: <c>n</c>, <c>last</c>, both, <c>n=0</c> and the Link header.</summary>
internal sealed class TagPaginationChecks(WorkflowContext ctx, string workflow)
{
    /// <summary>
    /// Runs the checks against <paramref name="all"/> (the registry's full list, null if it could not be read),
    /// with <paramref name="anchor"/> a tag of ours used as <c>last</c>.
    /// </summary>
    public async Task RunAsync(IReadOnlyList<string>? all, string anchor, int pageSize)
    {
        var ns = ctx.Namespace;
        TagList? firstPage = null;
        await Check($"GET tags list with n={pageSize} returns the first {pageSize} tags", async () =>
        {
            var full = Require(all);
            firstPage = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns, n: pageSize)));
            ExpectPage(firstPage, full.Take(pageSize).ToList(), pageSize);
        });
        await Check("Link header of a partial page leads to the next page", async () =>
        {
            var full = Require(all);
            Expect.Prerequisite(firstPage is not null, "the first page was not read");
            Expect.Prerequisite(full.Count > pageSize, "too few tags for a second page");
            Expect.Prerequisite(firstPage!.Tags.Count < full.Count, "the first page already held every tag");
            Expect.Prerequisite(firstPage!.Next is not null, "registry sent no Link header (optional when a full page is returned)");
            var next = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, firstPage.Next!));
            var expected = full.Skip(firstPage.Tags.Count).Take(next.Tags.Count).ToList();
            Expect.That(next.Tags.Count > 0 && next.Tags.SequenceEqual(expected), $"next page has [{string.Join(", ", next.Tags)}], expected it to continue with [{string.Join(", ", expected)}]");
        });
        await Check("GET tags list with last returns only later tags", async () =>
        {
            var full = Require(all);
            var page = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns, last: anchor)));
            ExpectPage(page, After(full, anchor).ToList(), int.MaxValue);
        });
        await Check("GET tags list with n=1 and last returns the next tag", async () =>
        {
            var full = Require(all);
            var page = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns, n: 1, last: anchor)));
            ExpectPage(page, After(full, anchor).Take(1).ToList(), 1);
        });
        await Check("GET tags list with n=0 returns no tags and no Link", async () =>
        {
            Require(all);
            var page = TagList.From(await ctx.Registry.SendAsync(HttpMethod.Get, Paths.Tags(ns, n: 0)));
            Expect.That(page.Tags.Count == 0, $"expected no tags, got {page.Tags.Count}: [{string.Join(", ", page.Tags.Take(5))}]");
            Expect.That(page.Next is null, "n=0 response carries a Link header");
        });
    }

    // A page may stop short only when a Link header says more follow.
    private static void ExpectPage(TagList page, IReadOnlyList<string> expected, int n)
    {
        var prefixOk = page.Tags.Count <= expected.Count && page.Tags.SequenceEqual(expected.Take(page.Tags.Count));
        Expect.That(prefixOk, $"got [{Shorten(page.Tags)}], expected [{Shorten(expected)}]");
        Expect.That(page.Tags.Count == Math.Min(n, expected.Count) || page.Next is not null, $"got {page.Tags.Count} tags without a Link header, expected {Math.Min(n, expected.Count)}");
    }

    private static IEnumerable<string> After(IReadOnlyList<string> all, string anchor)
    {
        var index = all.ToList().IndexOf(anchor);
        Expect.Prerequisite(index >= 0, $"tag {anchor} is not in the full list");
        return all.Skip(index + 1);
    }

    private static string Shorten(IEnumerable<string> tags)
    {
        var list = tags.ToList();
        return string.Join(", ", list.Take(6)) + (list.Count > 6 ? $", ... ({list.Count} in all)" : "");
    }

    private static IReadOnlyList<string> Require(IReadOnlyList<string>? all)
    {
        Expect.Prerequisite(all is not null, "the full tags list was not read");
        return all!;
    }

    private Task<bool> Check(string name, Func<Task> check) => ctx.Runner.RunAsync(workflow, name, check);
}
