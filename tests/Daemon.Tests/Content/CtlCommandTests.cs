using Daemon.Cli;
using Daemon.Tests.Content.Support;

namespace Daemon.Tests.Content;

/// <summary>The ctl client against a running daemon on a Unix socket.</summary>
public sealed class CtlCommandTests : IAsyncLifetime
{
    private DaemonServer _daemon = null!;

    public async Task InitializeAsync() => _daemon = await DaemonServer.StartAsync(unixSocket: true);

    public async Task DisposeAsync() => await _daemon.DisposeAsync();

    private async Task<(int Code, string Output, string Error)> Ctl(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CtlCommand.RunAsync(["--address", _daemon.Address, .. args], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task EveryRpcRunsThroughTheCli()
    {
        Assert.Equal(0, (await Ctl("init", "ws-cli", "--empty", "--owner", "me")).Code);
        Assert.Equal(0, (await Ctl("wait", "ws-cli")).Code);
        Assert.Contains("\"exists\": true", (await Ctl("exists", "ws-cli")).Output);
        var snapshot = await Ctl("snapshot", "ws-cli");
        Assert.Contains("\"url\": \"file://", snapshot.Output);
        Assert.Contains("backup-ws-cli.tar", (await Ctl("backup", "ws-cli")).Output);
        Assert.Equal(0, (await Ctl("dispose", "ws-cli", "--backup")).Code);
        Assert.Contains("\"exists\": false", (await Ctl("exists", "ws-cli")).Output);
        Assert.Equal(0, (await Ctl("init", "ws-json", "--initializer", "{\"composite\":{\"initializer\":[{\"empty\":{}}]}}")).Code);
    }

    [Fact]
    public async Task FailuresReportTheStatusAndUsageErrorsTheUsage()
    {
        var missing = await Ctl("wait", "nobody");
        Assert.Equal(1, missing.Code);
        Assert.Contains("NotFound", missing.Error);

        var usage = await Ctl("init", "ws-x");
        Assert.Equal(2, usage.Code);
        Assert.Contains("usage:", usage.Error);
    }
}
