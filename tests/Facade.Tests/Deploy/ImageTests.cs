using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Facade.Tests.Ipfs;
using Facade.TestSupport;

namespace Facade.Tests.Deploy;

/// <summary>
/// <c>scripts/image.sh</c> builds the image and pushes it to a local registry; a private containerd
/// pulls it and runs it with the DaemonSet's arguments, settings and security settings, upstream
/// pointed at a real registry; skopeo then pulls an image through the containerised facade.
/// </summary>
public sealed class ImageTests
{
    private const string NonRoot = "65532";

    [RequiresToolFact("mmdebstrap", "dotnet", "python3", "containerd", "ctr", "runc", "docker-registry", "skopeo", Root = true)]
    public async Task The_built_image_runs_under_containerd_like_the_daemonset_and_serves_a_pull()
    {
        using var dir = new TempDir("image");
        await using var upstream = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var app = ImageGenerator.Image(new ImageSpec { Seed = 61, LayerSizes = [300_000, 60_000] });
        using (var client = upstream.CreateClient()) await app.PushAsync(client, "library/app", "v1");

        await using var images = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        var reference = $"{images.Authority}/registry-facade:test";
        var built = await ScriptRunner.RunAsync(Path.Combine(ScriptRunner.RepositoryRoot, "scripts", "image.sh"),
            ["--push", reference], TimeSpan.FromMinutes(25));
        var config = await ImageConfigAsync(reference);
        Assert.Equal($"{NonRoot}:{NonRoot}", (string?)config["User"]);

        await using var containerd = await ContainerdHost.StartAsync();
        var pull = await containerd.CtrAsync("images", "pull", "--plain-http", "--snapshotter", ContainerdHost.Snapshotter, reference);
        Assert.True(pull.Succeeded, pull.StandardError + pull.StandardOutput);
        Assert.Contains(built.Trim(), pull.StandardOutput + pull.StandardError);

        // The DaemonSet's arguments with its port swapped for a free one: the host network is shared.
        var port = FreePort.Next();
        var arguments = DeployManifests.FacadeArguments().Select(a => a.Replace(":5000", $":{port}", StringComparison.Ordinal)).ToArray();
        Assert.Contains(arguments, a => a.StartsWith("--Urls=", StringComparison.Ordinal) && a.EndsWith($":{port}", StringComparison.Ordinal));
        var settings = DeployManifests.FacadeSettings();
        var facadeSettings = settings["Facade"]!.AsObject();
        facadeSettings["Upstreams"] = new JsonObject
        {
            [(string)facadeSettings["DefaultUpstream"]!] = new JsonObject { ["Url"] = upstream.BaseUri.ToString() },
        };
        var settingsFile = dir.WriteFile("appsettings.Production.json", settings.ToJsonString());
        var cache = dir.CreateDirectory("cache");
        (await Tool.RunAsync("chown", [$"{NonRoot}:{NonRoot}", cache])).EnsureSuccess(); // what the pod's fsGroup does

        var entrypoint = config["Entrypoint"]!.AsArray().Select(e => (string)e!);
        await using (var container = await FacadeContainer.RunAsync(containerd, reference, [.. entrypoint, .. arguments],
            cache, settingsFile, dir["facade.log"]))
        {
            await WaitUntilReadyAsync(new Uri($"http://127.0.0.1:{port}/health/ready"), container);

            var copy = await Skopeo.CopyAsync($"docker://127.0.0.1:{port}/library/app:v1", "dir:" + dir["pulled"]);
            Assert.True(copy.Succeeded, copy.StandardError + container.Log);
            Assert.Equal(app.ManifestBytes, await File.ReadAllBytesAsync(dir.Combine("pulled", "manifest.json")));
            foreach (var blob in app.Blobs)
            {
                var file = dir.Combine("pulled", blob.Digest.Encoded);
                Assert.Equal(blob.Digest.Value, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(file))));
            }

            // The cache filled on the volume, written by the non-root user; the root file system refused writes.
            var cached = Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories).ToArray();
            Assert.Contains(cached, f => f.Contains(app.Layers[0].Digest.Encoded, StringComparison.Ordinal));
            var owners = await Tool.RunAsync("stat", ["-c", "%u", .. cached]);
            Assert.All(owners.EnsureSuccess().StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries), o => Assert.Equal(NonRoot, o));
            var write = await container.ExecAsync("/bin/sh", "-c", "touch /app/written");
            Assert.False(write.Succeeded);
            Assert.Contains("Read-only file system", write.StandardError + write.StandardOutput, StringComparison.Ordinal);
        }
        (await containerd.CtrAsync("images", "rm", reference)).EnsureSuccess();
    }

    /// <summary>The <c>config</c> section of the image's configuration, as the registry serves it.</summary>
    private static async Task<JsonObject> ImageConfigAsync(string reference)
    {
        var inspect = await Tool.RunAsync(RequiredTool.Require(Skopeo.Program),
            ["--insecure-policy", "inspect", "--tls-verify=false", "--config", "docker://" + reference], TimeSpan.FromMinutes(1));
        return JsonNode.Parse(inspect.EnsureSuccess().StandardOutput)!["config"]!.AsObject();
    }

    private static async Task WaitUntilReadyAsync(Uri ready, FacadeContainer container)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(ready);
                if (response.IsSuccessStatusCode) return;
            }
            catch (HttpRequestException) { /* not listening yet */ }
            catch (TaskCanceledException) { /* busy machine: try again */ }
            if (DateTime.UtcNow > deadline) Assert.Fail($"{ready} never answered 200; the facade printed:\n{container.Log}");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
