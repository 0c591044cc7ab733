using System.Globalization;
using Facade.Redis;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Facade.Tests.Infrastructure;
using Facade.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Facade.Tests.Redis;

/// <summary>Redis as operators run it: an ACL user with a password, and a sentinel-managed master that fails over.</summary>
public sealed class RedisOperatorTests
{
    private static readonly Cid SomeCid = UnixFsCidCalculator.Compute("operator layer"u8);
    private static readonly CancellationToken None = CancellationToken.None;

    [RequiresToolFact("redis-server", "redis-cli", DistributionRegistry.Program)]
    public async Task An_acl_user_with_a_password_is_used_and_a_wrong_password_only_costs_the_cache()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 161, LayerSizes = [8 * 1024], Gzip = false });
        await image.PushAsync(client, "team/acl", "v1");
        // The default user is off: only the named user with its password gets in.
        var redis = new RedisServer { Arguments = ["--user", "default", "off", "--user", "facade", "on", ">s3cret-pass", "~*", "&*", "+@all"] };
        await redis.InitializeAsync();
        var good = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Redis:Configuration", redis.Configuration), ("Facade:Redis:User", "facade"), ("Facade:Redis:Password", "s3cret-pass"),
            ("Facade:Redis:OperationTimeout", "00:00:05"), ("Facade:Redis:ConnectTimeout", "00:00:10")));
        var wrong = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Redis:Configuration", redis.Configuration), ("Facade:Redis:User", "facade"), ("Facade:Redis:Password", "not-it")));
        try
        {
            var digest = image.Layers[0].Digest;
            await WaitUntilAsync(async () =>
            {
                await good.Services.GetRequiredService<ICidCache>().SetAsync(digest, new CidCacheEntry(SomeCid, null), None);
                return await Cli(redis.Port, "--user", "facade", "--pass", "s3cret-pass", "GET", digest.Value) == SomeCid.ToString();
            }, "the CID to reach Redis as the ACL user");
            Assert.Equal(new CidCacheEntry(SomeCid, null), await good.Services.GetRequiredService<ICidCache>().GetAsync(digest, None));

            // Refused credentials: pulls still work, the CID is simply not known.
            Assert.Equal(image.ManifestBytes, await wrong.Client.GetByteArrayAsync("/v2/team/acl/manifests/v1"));
            Assert.Null(await wrong.Services.GetRequiredService<ICidCache>().GetAsync(digest, None));
            Assert.True((await PrometheusText.ScrapeAsync(wrong.Client)).Sum("facade_redis_failures_total") >= 1);
        }
        finally
        {
            await good.DisposeAndDeleteCacheAsync();
            await wrong.DisposeAndDeleteCacheAsync();
            await redis.DisposeAsync();
        }
    }

    [RequiresToolFact("redis-server", "redis-cli")]
    public async Task Tls_with_a_private_ca_is_used_and_an_untrusted_server_is_refused()
    {
        using var dir = new TempDir("redis-tls");
        var certificates = TestCertificates.Write(dir.Path);
        var tlsPort = FreePort.Next();
        var redis = new RedisServer
        {
            Arguments = ["--tls-port", tlsPort.ToString(CultureInfo.InvariantCulture), "--tls-cert-file", certificates.CertificateFile,
                "--tls-key-file", certificates.KeyFile, "--tls-ca-cert-file", certificates.CaFile, "--tls-auth-clients", "no"],
        };
        await redis.InitializeAsync();
        var trusted = await FacadeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Facade:Redis:Configuration"] = $"127.0.0.1:{tlsPort}", ["Facade:Redis:Tls:Enabled"] = "true",
            ["Facade:Redis:Tls:CaFile"] = certificates.CaFile, ["Facade:Redis:OperationTimeout"] = "00:00:05",
            // A TLS handshake on a loaded machine can take longer than the 1 s default.
            ["Facade:Redis:ConnectTimeout"] = "00:00:10",
        });
        // The same server, but the facade trusts only the system's roots: no connection, no data.
        var untrusted = await FacadeHost.StartAsync(new Dictionary<string, string?>
        {
            ["Facade:Redis:Configuration"] = $"127.0.0.1:{tlsPort}", ["Facade:Redis:Tls:Enabled"] = "true",
            ["Facade:Redis:ConnectTimeout"] = "00:00:10",
        });
        try
        {
            var digest = Digest.Sha256Of("tls layer"u8);
            // The first call may come before the connection is up (a miss, as Redis is advisory).
            await WaitUntilAsync(async () =>
            {
                await trusted.Services.GetRequiredService<ICidCache>().SetAsync(digest, new CidCacheEntry(SomeCid, null), None);
                return await Cli(redis.Port, "GET", digest.Value) == SomeCid.ToString();
            }, "the CID to reach Redis over TLS");
            Assert.Equal(new CidCacheEntry(SomeCid, null), await trusted.Services.GetRequiredService<ICidCache>().GetAsync(digest, None));
            Assert.Null(await untrusted.Services.GetRequiredService<ICidCache>().GetAsync(digest, None));
        }
        finally
        {
            await trusted.DisposeAndDeleteCacheAsync();
            await untrusted.DisposeAndDeleteCacheAsync();
            await redis.DisposeAsync();
        }
    }

    [RequiresToolFact("redis-server", RedisSentinel.Program, "redis-cli", DistributionRegistry.Program)]
    public async Task Killing_the_master_during_pulls_fails_no_pull_and_cid_lookups_resume_on_the_promoted_replica()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var client = registry.CreateClient();
        var image = ImageGenerator.Image(new ImageSpec { Seed = 162, LayerSizes = [64 * 1024, 32 * 1024], Gzip = false });
        await image.PushAsync(client, "team/ha", "v1");
        var master = new RedisServer();
        await master.InitializeAsync();
        var replica = new RedisServer { Arguments = ["--replicaof", "127.0.0.1", master.Port.ToString(CultureInfo.InvariantCulture)] };
        await replica.InitializeAsync();
        await using var sentinel = await RedisSentinel.StartAsync(master.Port);
        await WaitUntilAsync(async () => await sentinel.ReplicaCountAsync() == 1, "the sentinel to learn of the replica");
        var facade = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", registry.BaseUri,
            ("Facade:Redis:Sentinel:ServiceName", sentinel.ServiceName), ("Facade:Redis:Sentinel:Endpoints:0", sentinel.Endpoint),
            // Tags resolve often, so the pulls keep asking Redis through the failover.
            ("Facade:Cache:TagTtl", "00:00:00.200"), ("Facade:Redis:OperationTimeout", "00:00:02"),
            ("Facade:Redis:ConnectTimeout", "00:00:10")));
        try
        {
            var cids = facade.Services.GetRequiredService<ICidCache>();
            var before = image.Layers[0].Digest;
            await WaitUntilAsync(async () =>
            {
                await cids.SetAsync(before, new CidCacheEntry(SomeCid, null), None);
                return await Cli(replica.Port, "GET", before.Value) == SomeCid.ToString();
            }, "the CID to reach the master and its replica");

            using var stop = new CancellationTokenSource();
            var pulls = PullUntilAsync(facade.Client, image, stop.Token);
            await Task.Delay(500);
            await master.StopAsync();
            await WaitUntilAsync(async () => await sentinel.MasterPortAsync() == replica.Port, "the sentinel to promote the replica", 60);

            // Reads and writes reach the new master through the facade's own connection.
            var after = image.Layers[1].Digest;
            await WaitUntilAsync(async () =>
            {
                await cids.SetAsync(after, new CidCacheEntry(SomeCid, null), None);
                return await Cli(replica.Port, "GET", after.Value) == SomeCid.ToString();
            }, "a CID written through the facade to land on the promoted replica", 60);
            Assert.Equal(new CidCacheEntry(SomeCid, null), await cids.GetAsync(before, None));
            await Task.Delay(500);
            stop.Cancel();
            var (succeeded, failures) = await pulls;
            Assert.True(failures.Count == 0, "pulls failed: " + string.Join("; ", failures));
            Assert.True(succeeded >= 3, $"only {succeeded} pulls ran");
        }
        finally
        {
            await facade.DisposeAndDeleteCacheAsync();
            await replica.DisposeAsync();
            await master.DisposeAsync();
        }
    }

    // Pulls the whole image by tag over and over until told to stop; every failure is kept.
    private static async Task<(int Succeeded, List<string> Failures)> PullUntilAsync(HttpClient http, GeneratedImage image, CancellationToken stop)
    {
        var failures = new List<string>();
        var succeeded = 0;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var manifest = await http.GetByteArrayAsync("/v2/team/ha/manifests/v1", CancellationToken.None);
                if (!manifest.AsSpan().SequenceEqual(image.ManifestBytes)) failures.Add("manifest bytes differ");
                foreach (var blob in image.Blobs)
                {
                    var bytes = await http.GetByteArrayAsync($"/v2/team/ha/blobs/{blob.Digest}", CancellationToken.None);
                    if (!Digest.Sha256Of(bytes).Equals(blob.Digest)) failures.Add($"{blob.Digest} bytes differ");
                }
                succeeded++;
            }
            catch (HttpRequestException e)
            {
                failures.Add(e.Message);
            }
        }
        return (succeeded, failures);
    }

    private static async Task<string> Cli(int port, params string[] arguments)
    {
        var result = await Tool.RunAsync("redis-cli", ["--no-auth-warning", "-p", port.ToString(CultureInfo.InvariantCulture), .. arguments], TimeSpan.FromSeconds(10));
        return result.StandardOutput.Trim();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited {seconds} s for {what}");
            await Task.Delay(200);
        }
    }
}
