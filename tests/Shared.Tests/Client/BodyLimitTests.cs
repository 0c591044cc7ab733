using System.Diagnostics;
using System.Text;
using Facade.Shared.Client;
using Facade.Shared.Oci;
using Facade.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Facade.Shared.Tests.Client;

/// <summary>
/// Bodies the client reads into memory are capped and must keep moving; manifests are checked
/// against what the registry says about them. Each rule against a real server misbehaving.
/// </summary>
public sealed class BodyLimitTests
{
    [Fact]
    public async Task A_chunked_endless_tag_list_is_cut_at_the_cap()
    {
        var serverDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registry = await LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            // No Content-Length: the only bound is the one the client keeps while reading.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"name\":\"endless\",\"tags\":[\"t0\"");
            var chunk = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(",\"tag-forever\"", 4096)));
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException)
            {
            }
            finally
            {
                serverDone.TrySetResult();
            }
        }));
        // Counted where the client's reader takes bytes: the server cannot tell, since writes to a
        // connection already closed keep succeeding until it notices.
        var counter = new BodyCounter();
        using var client = RegistryClient.Create(registry.BaseUri, new RegistryHttpOptions { Innermost = () => counter });

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.ListTagsAsync("endless"));
        Assert.Contains("limit", error.Message, StringComparison.Ordinal);
        Assert.InRange(counter.Read, RegistryLimits.TagPage, 2L * RegistryLimits.TagPage + 64 * 1024);
        // The endless writer ends because the client left.
        await serverDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task A_body_that_stops_moving_times_out_after_the_progress_timeout()
    {
        await using var registry = await LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            context.Response.ContentType = MediaTypes.OciManifest;
            await context.Response.WriteAsync("{\"schemaVersion\":2,");
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ContinueWith(_ => { });
        }));
        using var client = RegistryClient.Create(registry.BaseUri, new RegistryHttpOptions { ProgressTimeout = TimeSpan.FromSeconds(1) });

        var watch = Stopwatch.StartNew();
        await Assert.ThrowsAsync<TimeoutException>(() => client.GetManifestAsync("stalled/app", "v1"));
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_manifest_fetched_by_tag_must_match_the_digest_the_registry_names()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OciManifest + "\",\"layers\":[]}");
        var other = Digest.Sha256Of("something else"u8);
        await using var registry = await ManifestServer(bytes, "application/json", other);
        using var client = RegistryClient.Create(registry.BaseUri);

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => client.GetManifestAsync("team/app", "v1"));
        Assert.Contains(other.Value, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(MediaTypes.DockerManifest, "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DockerManifest + "\"}", MediaTypes.DockerManifest)]
    [InlineData("application/json", "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DockerManifestList + "\",\"manifests\":[]}", MediaTypes.DockerManifestList)]
    [InlineData("application/json", "{\"schemaVersion\":2,\"manifests\":[]}", MediaTypes.OciIndex)]
    [InlineData("text/plain", "{\"schemaVersion\":2,\"layers\":[]}", MediaTypes.OciManifest)]
    public async Task The_media_type_is_the_declared_one_else_what_the_bytes_say(string declared, string body, string expected)
    {
        var bytes = Encoding.UTF8.GetBytes(body);
        await using var registry = await ManifestServer(bytes, declared, Digest.Sha256Of(bytes));
        using var client = RegistryClient.Create(registry.BaseUri);

        var manifest = await client.GetManifestAsync("team/app", "v1");

        Assert.Equal(expected, manifest!.MediaType);
        Assert.Equal(bytes, manifest.Bytes.ToArray());
    }

    [Fact]
    public async Task A_manifest_over_the_cap_is_refused_even_without_a_length()
    {
        await using var registry = await LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            context.Response.ContentType = MediaTypes.OciManifest;
            var filler = new byte[64 * 1024];
            filler.AsSpan().Fill((byte)' ');
            for (var i = 0; i < RegistryLimits.Manifest / filler.Length + 2 && !context.RequestAborted.IsCancellationRequested; i++)
                await context.Response.Body.WriteAsync(filler, context.RequestAborted).AsTask().ContinueWith(_ => { });
        }));
        using var client = RegistryClient.Create(registry.BaseUri);
        await Assert.ThrowsAsync<InvalidDataException>(() => client.GetManifestAsync("big/app", "v1"));
    }

    private static Task<LocalWebServer> ManifestServer(byte[] bytes, string contentType, Digest header) =>
        LocalWebServer.StartAsync(app => app.Run(async context =>
        {
            context.Response.ContentType = contentType;
            context.Response.Headers["Docker-Content-Digest"] = header.Value;
            await context.Response.Body.WriteAsync(bytes);
        }));
}
