using Facade.TestSupport;

namespace Facade.Tests.Auth;

/// <summary>
/// containerd's host credentials (<c>ctr images pull --user</c>) against the facade with
/// <c>Pull=Authenticated</c>: without credentials the pull stops at 401, with them it unpacks.
/// </summary>
public sealed class ContainerdAuthTests(AuthFixture fixture) : IClassFixture<AuthFixture>
{
    [RequiresToolFact(ContainerdHost.Program, ContainerdHost.Ctr, "docker-registry", Root = true)]
    public async Task Ctr_pull_through_an_authenticated_facade_needs_user_credentials()
    {
        // ctr retries a refused request several times: keep the failed-attempt limit out of the way.
        await using var facade = await fixture.StartAsync("Authenticated", ("Facade:Auth:MaxFailures", "1000"));
        await using var containerd = await ContainerdHost.StartAsync();
        containerd.ConfigureHost(facade.Authority, facade.Address);
        var reference = $"{facade.Authority}/{AuthFixture.Image}:v1";

        var anonymous = await containerd.PullAsync(reference);
        Assert.False(anonymous.Succeeded, anonymous.StandardOutput);
        Assert.True(anonymous.StandardError.Contains("401 Unauthorized", StringComparison.Ordinal), anonymous.StandardError);
        var wrong = await containerd.PullAsync(reference, user: AuthFixture.User + ":not-it");
        Assert.False(wrong.Succeeded, wrong.StandardOutput);
        Assert.True(wrong.StandardError.Contains("401 Unauthorized", StringComparison.Ordinal), wrong.StandardError);
        Assert.DoesNotContain(reference, await containerd.ListImagesAsync());

        var pulled = await containerd.PullAsync(reference, user: $"{AuthFixture.User}:{AuthFixture.Password}");
        Assert.True(pulled.Succeeded, pulled.StandardError + pulled.StandardOutput);
        Assert.Contains(reference, await containerd.ListImagesAsync());
        Assert.NotEmpty(containerd.FindUnpackedFile("facade/layer-0.txt"));
    }
}
