using Facade.TestSupport;
using Facade.Tests.Infrastructure;

namespace Facade.Tests.Durability;

/// <summary>One cache directory, one process: a second facade on the same directory is refused and touches nothing.</summary>
public sealed class CacheLockTests
{
    [Fact]
    public async Task A_second_process_on_the_same_cache_is_refused_with_a_clear_message_and_leaves_temp_files_alone()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var cache = new TempDir("flock");
        await using var first = await FacadeProcess.StartAsync(registry.BaseUri, cache.Path);
        // Stands for a fill in flight of the first process: the second must not delete it.
        var inFlight = Path.Combine(cache.Path, "tmp", "fill-in-flight");
        await File.WriteAllTextAsync(inFlight, "partial");

        var secondUri = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        await using var second = ProcessHost.Start("dotnet", FacadeProcess.Arguments(secondUri, registry.BaseUri, cache.Path), Path.GetDirectoryName(FacadeProcess.Dll));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!second.HasExited && DateTime.UtcNow < deadline) await Task.Delay(100);

        Assert.True(second.HasExited, "the second facade kept running on a cache directory in use:\n" + second.Output);
        var output = second.Output.ToString();
        Assert.Contains("is in use by another facade process", output);
        Assert.Contains($"pid {first.Process.Id}", output);
        Assert.DoesNotContain("Unhandled exception", output);
        Assert.True(File.Exists(inFlight));
        // The first one still serves.
        using var ping = await first.Client.GetAsync("/v2/");
        Assert.True(ping.IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_lock_dies_with_its_process_so_a_restart_after_kill_9_starts()
    {
        await using var registry = await DistributionRegistry.StartAsync(new DistributionRegistryOptions { Quiet = true });
        using var cache = new TempDir("flock");
        var first = await FacadeProcess.StartAsync(registry.BaseUri, cache.Path);
        await first.DisposeAsync(); // SIGKILL
        await using var second = await FacadeProcess.StartAsync(registry.BaseUri, cache.Path);
        using var ping = await second.Client.GetAsync("/v2/");
        Assert.True(ping.IsSuccessStatusCode);
    }
}
