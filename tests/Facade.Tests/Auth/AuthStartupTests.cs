using Facade.TestSupport;
using Facade.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Auth;

/// <summary>Configurations that must not start, and the explicit opt-out that does.</summary>
public sealed class AuthStartupTests : IDisposable
{
    private static readonly Uri Upstream = new("http://127.0.0.1:9");
    private readonly TempDir _dir = new("auth-start");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Push_without_authentication_refuses_to_start_unless_anonymous_push_is_allowed_explicitly()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Upstream,
            ("Facade:Push:Enabled", "true"))));
        Assert.Contains("AllowAnonymousPush", refused.Message);

        await using var started = await FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Upstream,
            ("Facade:Push:Enabled", "true"), ("Facade:Auth:AllowAnonymousPush", "true")));
        using var response = await started.Client.GetAsync("/v2/");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Authenticated_pulls_without_an_htpasswd_file_refuse_to_start()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Upstream,
            ("Facade:Auth:Pull", "Authenticated"))));
        Assert.Contains("Facade:Auth:Htpasswd", refused.Message);
    }

    [RequiresToolFact("htpasswd")]
    public async Task An_htpasswd_file_with_a_non_bcrypt_entry_refuses_to_start_without_echoing_it()
    {
        // htpasswd's default (-m) is Apache MD5, which neither distribution nor the facade accepts.
        var md5 = (await Tool.RunAsync("htpasswd", ["-bnm", "eve", "secret"])).EnsureSuccess().StandardOutput.Trim();
        var path = _dir.WriteFile("htpasswd", md5 + "\n");
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Upstream,
            ("Facade:Auth:Htpasswd", path))));
        Assert.Contains("line 1: not a bcrypt hash", refused.Message);
        Assert.DoesNotContain(md5.Split(':')[1], refused.Message);
    }

    [Fact]
    public async Task A_missing_htpasswd_file_refuses_to_start()
    {
        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => FacadeHost.StartAsync(FacadeHost.MirrorOf("local", Upstream,
            ("Facade:Auth:Htpasswd", _dir["absent"]))));
        Assert.Contains("does not exist", refused.Message);
    }
}
