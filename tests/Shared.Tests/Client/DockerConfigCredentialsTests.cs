using System.Text;
using Facade.Shared.Client;
using Facade.TestSupport;

namespace Facade.Shared.Tests.Client;

/// <summary>Reading Docker <c>config.json</c> credentials and normalising registry hosts.</summary>
public sealed class DockerConfigCredentialsTests
{
    private static string Auth(string key, string userColonPassword) =>
        "{\"auths\":{\"" + key + "\":{\"auth\":\"" + Convert.ToBase64String(Encoding.UTF8.GetBytes(userColonPassword)) + "\"}}}";

    public static TheoryData<string, string, string?, string?, string?> Entries() => new()
    {
        // config json, host looked up, expected user, password, identity token
        { Auth("registry.example:5000", "bob:pa:ss"), "registry.example:5000", "bob", "pa:ss", null },
        { """{"auths":{"https://registry.example/v1/":{"username":"u","password":"p"}}}""", "registry.example", "u", "p", null },
        { """{"auths":{"Registry.Example:443":{"username":"u","password":"p"}}}""", "registry.example", "u", "p", null },
        { """{"auths":{"registry.example":{"identitytoken":"refresh-me"}}}""", "registry.example", "<token>", "", "refresh-me" },
        { Auth(RegistryHost.LegacyIndexKey, "hub:pw"), "docker.io", "hub", "pw", null },
        { """{"auths":{"registry.example":{}}}""", "registry.example", null, null, null },
        { """{"credsStore":"desktop"}""", "registry.example", null, null, null },
        { """{"auths":{"registry.example":{"username":"u","password":"p"}}}""", "other.example", null, null, null },
        { """{"auths":{"127.0.0.1:5000":{"username":"u","password":"p"}}}""", "http://127.0.0.1:5000", "u", "p", null },
    };

    [Theory]
    [MemberData(nameof(Entries))]
    public void Parses_entries(string json, string host, string? user, string? password, string? identityToken)
    {
        var store = DockerConfigCredentials.Parse(Encoding.UTF8.GetBytes(json));

        var credential = store.Find(host);

        Assert.Equal(user, credential?.Username);
        Assert.Equal(password, credential?.Password);
        Assert.Equal(identityToken, credential?.IdentityToken);
    }

    [Theory]
    [InlineData("""not json "secret" """)]
    [InlineData("""[1,2]""")]
    [InlineData("""{"auths":[]}""")]
    [InlineData("""{"auths":{"registry.example":"secret"}}""")]
    [InlineData("""{"auths":{"registry.example":{"auth":"%%%secret"}}}""")]
    [InlineData("""{"auths":{"registry.example":{"auth":"c2VjcmV0"}}}""")]
    [InlineData("""{"auths":{"registry.example":{"username":7}}}""")]
    public void Malformed_configs_give_a_clear_error_without_the_secret(string json)
    {
        var error = Assert.Throws<InvalidDataException>(() => DockerConfigCredentials.Parse(Encoding.UTF8.GetBytes(json)));

        Assert.StartsWith("docker config", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Loads_from_a_file_and_refuses_a_missing_one()
    {
        using var dir = new TempDir("dockercfg");
        var path = dir.WriteFile("config.json", """{"auths":{"registry.example":{"username":"u","password":"p"}}}""");
        Assert.Equal("u", DockerConfigCredentials.Load(path).Find("registry.example")?.Username);
        File.Delete(path);
        Assert.Throws<FileNotFoundException>(() => DockerConfigCredentials.Load(path));
    }

    [Theory]
    [InlineData("Registry.Example", "registry.example")]
    [InlineData("https://registry.example:443/v2/", "registry.example")]
    [InlineData("http://registry.example:80", "registry.example")]
    [InlineData("registry.example:5000", "registry.example:5000")]
    [InlineData("http://127.0.0.1:5000/", "127.0.0.1:5000")]
    [InlineData("docker.io", "docker.io")]
    public void Normalises_hosts(string input, string expected) => Assert.Equal(expected, RegistryHost.Normalize(input));

    [Fact]
    public void A_credential_never_prints_its_secret()
    {
        var credential = new RegistryCredential("alice", "hunter2");

        Assert.DoesNotContain("hunter2", credential.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", RegistryCredential.FromIdentityToken("hunter2").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Credential_helpers_are_reported_not_run()
    {
        var store = DockerConfigCredentials.Parse(
            """{"auths":{"registry.example":{"auth":"dTpw"}},"credsStore":"desktop","credHelpers":{"gcr.example":"gcloud"}}"""u8);
        Assert.Equal(["credsStore 'desktop'", "credHelpers 'gcloud' for gcr.example"], store.IgnoredHelpers);
        Assert.Equal("u", store.Find("registry.example")!.Username);
        Assert.Null(store.Find("gcr.example"));
        Assert.Empty(DockerConfigCredentials.Parse("""{"auths":{}}"""u8).IgnoredHelpers);
    }
}
