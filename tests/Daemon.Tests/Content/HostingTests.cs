using Daemon.Hosting;
using Daemon.Tests.Content.Support;
using Microsoft.Extensions.Options;

namespace Daemon.Tests.Content;

/// <summary>Start-up validation of the <c>Daemon:</c> options and the listen address grammar.</summary>
public sealed class HostingTests
{
    [Theory]
    [InlineData("WorkingArea", "relative/dir", "Daemon:WorkingArea must be an absolute directory")]
    [InlineData("Storage:Kind", "S3", "Daemon:Storage:S3:Endpoint must be an http or https URL")]
    [InlineData("Storage:Kind", "Oci", "Daemon:Storage:Oci:Registry must be an http or https URL")]
    [InlineData("Archive:UidShift", "-1", "Daemon:Archive shifts must not be negative")]
    public async Task InvalidOptionsStopTheStartWithAClearMessage(string key, string value, string message)
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => DaemonServer.StartAsync(new Dictionary<string, string?> { [key] = value }));
        Assert.Contains(message, error.Failures);
    }

    [Fact]
    public async Task AnInvalidListenAddressIsRefusedBeforeBinding()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() =>
            DaemonServer.StartAsync(new Dictionary<string, string?> { ["Content:Listen"] = "tcp://0.0.0.0:1" }));
        Assert.Contains(error.Failures, f => f.StartsWith("Daemon:Content:Listen", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("unix:/run/daemon.sock", true)]
    [InlineData("http://127.0.0.1:8090", true)]
    [InlineData("http://localhost:0", true)]
    [InlineData("http://[::1]:9000", true)]
    [InlineData("unix:relative.sock", false)]
    [InlineData("https://127.0.0.1:1", false)]
    [InlineData("http://example.invalid:1", false)]
    [InlineData("http://127.0.0.1:1/path", false)]
    [InlineData("", false)]
    public void ListenAddressGrammar(string text, bool valid) =>
        Assert.Equal(valid, ListenAddress.TryParse(text, out _, out _));
}
