using Facade.TestSupport;

namespace Facade.Tests.Unit;

/// <summary>
/// The built facade program run as a process, as an operator runs it: help and version are
/// answered at once and never start the server (a started server would run into the timeout).
/// </summary>
public sealed class CommandLineTests
{
    private static readonly BuiltProgram Program = new("Facade");

    private static Task<ToolResult> RunAsync(params string[] args) => Program.RunAsync(args);

    [Theory]
    [InlineData("--version")]
    [InlineData("--Urls=http://127.0.0.1:1", "--version")]
    public async Task Version_prints_the_product_version_and_exits(params string[] args)
    {
        // The file's product version is the informational version the build stamped into it.
        var expected = Program.ProductVersion;
        Assert.False(string.IsNullOrEmpty(expected));

        var result = (await RunAsync(args)).EnsureSuccess();

        Assert.Equal($"Facade {expected}", result.StandardOutput.Trim());
    }

    [Theory]
    [InlineData("usage: Facade [configuration arguments]", "--help")]
    [InlineData("usage: Facade [configuration arguments]", "-h")]
    [InlineData("usage: Facade setup-containerd --facade URL", "setup-containerd", "--help")]
    [InlineData("usage: Facade setup-containerd --facade URL", "setup-containerd", "--facade", "http://127.0.0.1:5000", "-h")]
    [InlineData("usage: Facade ipfs-publish <image-ref>", "ipfs-publish", "--help")]
    public async Task Every_command_answers_help_on_standard_output(string usage, params string[] args)
    {
        var result = (await RunAsync(args)).EnsureSuccess();

        Assert.StartsWith(usage, result.StandardOutput.TrimStart(), StringComparison.Ordinal);
        Assert.Empty(result.StandardError);
    }

    [Fact]
    public async Task Setup_containerd_help_writes_no_file()
    {
        using var dir = new TempDir("certs");

        (await RunAsync("setup-containerd", "--facade", "http://127.0.0.1:5000", "--certs-dir", dir.Path, "--help")).EnsureSuccess();

        Assert.Empty(Directory.GetFileSystemEntries(dir.Path));
    }

    [Fact]
    public async Task An_unknown_option_still_fails_with_exit_code_2()
    {
        var result = await RunAsync("setup-containerd", "--facade", "http://127.0.0.1:5000", "--bogus", "1");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown option --bogus", result.StandardError, StringComparison.Ordinal);
    }
}
