using Conformance.Content;
using Conformance.Http;
using Conformance.Protocol;
using Conformance.Running;

namespace Conformance.Workflows;

/// <summary>
/// Pull: manifests by tag and digest (HEAD and GET), blobs (HEAD, GET, Range), and the errors
/// for unknown or malformed names and references (<see cref="PullErrorChecks"/>).
/// </summary>
internal sealed class PullWorkflow(WorkflowContext ctx) : IWorkflow
{
    private PullTarget? _target;

    public string Name => "pull";

    public string EnabledBy => "OCI_TEST_PULL";

    public bool Enabled => ctx.Settings.TestPull;

    public async Task RunAsync()
    {
        var ns = ctx.Namespace;
        var registry = ctx.Registry;
        await ctx.Runner.RunAsync(Name, "GET /v2/ answers 200", async () =>
            Expect.Status(await registry.SendAsync(HttpMethod.Get, "/v2/"), 200));
        await SetupAsync();

        foreach (var method in new[] { HttpMethod.Head, HttpMethod.Get })
        {
            await CheckAsync($"{method} manifest by tag", async t =>
                ContentChecks.Manifest(await registry.FetchManifestAsync(method, ns, t.Tag), t.ManifestDigest, t.Manifest));
            await CheckAsync($"{method} manifest by digest", async t =>
                ContentChecks.Manifest(await registry.FetchManifestAsync(method, ns, t.ManifestDigest), t.ManifestDigest, t.Manifest));
            await CheckAsync($"{method} blob", async t =>
                ContentChecks.Blob(await registry.FetchBlobAsync(method, ns, t.BlobDigest), t.BlobDigest, t.Blob?.Size));
        }

        var rangeSupported = await CheckAsync("GET blob with Range gives 206 and Content-Range", RangeAsync);
        await CheckAsync("GET blob with a Range past the end gives 416", async t =>
        {
            Expect.Prerequisite(rangeSupported, "Range requests are not supported (or their check failed)");
            var size = await SizeOfAsync(t);
            var response = await ctx.Registry.Client.SendAsync(new RegistryRequest(HttpMethod.Get, Paths.Blob(ns, t.BlobDigest))
                .WithHeader("Range", $"bytes={size + 10}-{size + 20}"));
            Expect.Status(response, 416);
        });

        await new PullErrorChecks(ctx, Name).RunAsync();
    }

    private async Task SetupAsync()
    {
        if (ctx.Settings.Preexisting is { } existing && !ctx.Settings.TestPush)
        {
            _target = new PullTarget(existing.Tag, existing.ManifestDigest, null, existing.BlobDigest, null);
            return;
        }

        var image = TestImage.Generate(4096, 1500);
        var tag = "pull-" + TestImage.RandomSuffix();
        var blobsPushed = await ctx.Runner.RunAsync(Name, "setup: push config and layer blobs", async () =>
        {
            foreach (var blob in image.Blobs)
            {
                await ctx.Registry.PushBlobAsync(ctx.Namespace, blob);
            }
        });
        var manifestPushed = await ctx.Runner.RunAsync(Name, "setup: push manifest by tag", async () =>
        {
            Expect.Prerequisite(blobsPushed, "blobs were not pushed");
            await ctx.Registry.PushManifestAsync(ctx.Namespace, tag, image.Manifest);
        });
        if (manifestPushed)
        {
            _target = new PullTarget(tag, image.Manifest.Digest, image.Manifest, image.Layers[0].Digest, image.Layers[0]);
        }
    }

    private async Task RangeAsync(PullTarget target)
    {
        var size = await SizeOfAsync(target);
        Expect.Prerequisite(size >= 16, $"blob has only {size} bytes, too small for a partial read");
        var (first, last) = (3L, Math.Min(size - 1, 12L));
        var response = await ctx.Registry.Client.SendAsync(new RegistryRequest(HttpMethod.Get, Paths.Blob(ctx.Namespace, target.BlobDigest))
            .WithHeader("Range", $"bytes={first}-{last}"));
        if (response.Status == 200)
        {
            ContentChecks.Blob(response, target.BlobDigest, size);
            throw new CheckSkippedException("registry ignores Range and sends the whole blob (200)");
        }

        Expect.Status(response, 206);
        Expect.HeaderEquals(response, "Content-Range", $"bytes {first}-{last}/{size}");
        Expect.ContentLength(response, last - first + 1);
        var full = target.Blob?.Bytes ?? (await ctx.Registry.FetchBlobAsync(HttpMethod.Get, ctx.Namespace, target.BlobDigest)).Body;
        Expect.That(response.Body.AsSpan().SequenceEqual(full.AsSpan((int)first, (int)(last - first + 1))), "206 body differs from the requested byte range");
    }

    private async Task<long> SizeOfAsync(PullTarget target)
    {
        if (target.Blob is not null)
        {
            return target.Blob.Size;
        }

        var head = await ctx.Registry.FetchBlobAsync(HttpMethod.Head, ctx.Namespace, target.BlobDigest);
        Expect.Status(head, 200);
        return long.Parse(Expect.Header(head, "Content-Length"), System.Globalization.CultureInfo.InvariantCulture);
    }

    private Task<bool> CheckAsync(string name, Func<PullTarget, Task> check) =>
        ctx.Runner.RunAsync(Name, name, () =>
        {
            Expect.Prerequisite(_target is not null, "pull setup did not complete");
            return check(_target!);
        });
}
