using Facade.TestSupport;

namespace Daemon.Tests.Content;

/// <summary>
/// The built daemon run as a process: <c>--help</c> and <c>--version</c> answer and exit without
/// building the host (which would otherwise start listening and run into the timeout).
/// </summary>
public sealed class DaemonCommandLineTests
{
    private static readonly BuiltProgram Program = new("Daemon");

    private static Task<ToolResult> RunAsync(params string[] args) => Program.RunAsync(args);

    [Theory]
    [InlineData("--version")]
    [InlineData("--Daemon:Content:Listen=http://127.0.0.1:1", "--version")]
    public async Task Version_prints_the_product_version_and_exits(params string[] args)
    {
        var expected = Program.ProductVersion;
        Assert.False(string.IsNullOrEmpty(expected));

        var result = (await RunAsync(args)).EnsureSuccess();

        Assert.Equal($"Daemon {expected}", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("usage: Daemon [configuration arguments]", "--help")]
    [InlineData("usage: Daemon [configuration arguments]", "-h")]
    [InlineData("usage: Daemon ctl [--address", "ctl", "--help")]
    [InlineData("usage: Daemon ctl [--address", "ctl", "init", "ws-1", "--help")]
    public async Task Every_command_answers_help_on_standard_output(string usage, params string[] args)
    {
        var result = (await RunAsync(args)).EnsureSuccess();

        Assert.StartsWith(usage, result.StandardOutput.TrimStart(), StringComparison.Ordinal);
        Assert.Empty(result.StandardError);
    }
}
