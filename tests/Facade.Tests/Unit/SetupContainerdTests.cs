using Facade.Cli;
using Facade.TestSupport;

namespace Facade.Tests.Unit;

public sealed class SetupContainerdTests : IDisposable
{
    private readonly TempDir _temp = new("facade-certs");

    private string _dir => _temp.Path;

    [Fact]
    public void Writes_a_mirror_hosts_toml_per_registry()
    {
        var output = new StringWriter();
        var code = SetupContainerdCommand.Run(["--facade", "http://127.0.0.1:5000", "--certs-dir", _dir, "--registry", "docker.io", "--registry", "quay.example"], output, new StringWriter());
        Assert.Equal(0, code);
        var text = File.ReadAllText(Path.Combine(_dir, "docker.io", "hosts.toml"));
        Assert.Contains("[host.\"http://127.0.0.1:5000\"]", text);
        Assert.Contains("capabilities = [\"pull\", \"resolve\"]", text);
        Assert.True(File.Exists(Path.Combine(_dir, "quay.example", "hosts.toml")));
    }

    [Theory]
    [InlineData("--facade", "ftp://x")]
    [InlineData("--registry", "../etc")]
    [InlineData("--bogus", "1")]
    public void Rejects_bad_arguments(string option, string value)
    {
        var errors = new StringWriter();
        var args = option == "--facade" ? new[] { option, value, "--certs-dir", _dir } : new[] { "--facade", "http://x:1", "--certs-dir", _dir, option, value };
        Assert.Equal(2, SetupContainerdCommand.Run(args, new StringWriter(), errors));
        Assert.NotEmpty(errors.ToString());
        Assert.Empty(Directory.GetFiles(_dir, "*", SearchOption.AllDirectories));
    }

    public void Dispose() => _temp.Dispose();
}
