using Facade.Shared.Cli;

namespace Daemon.Cli;

/// <summary>
/// The daemon's own <c>--help</c> and <c>--version</c>, answered before the web host is built
/// (the host would read them as configuration keys and fail, or start serving).
/// </summary>
internal static class TopLevelCommand
{
    private const string Usage = """
        usage: Daemon [configuration arguments]   run the workspace daemon (content service and in-workspace API)
               Daemon ctl [--address A] <rpc> <id> [options]
                                                  call one WorkspaceContentService RPC (Daemon ctl --help)
               Daemon --version                   print the version

        Configuration arguments are --Section:Key=value (see the README), e.g.
        --Daemon:Content:Listen=unix:/run/daemon/content.sock --Daemon:Storage:Kind=S3
        """;

    /// <summary>True when the arguments asked for help or the version; the answer is written to <paramref name="output"/>.</summary>
    public static bool TryRun(IReadOnlyList<string> args, TextWriter output, out int exitCode)
    {
        exitCode = 0;
        if (args.Any(CommandSwitches.IsVersion))
        {
            output.WriteLine(CommandSwitches.VersionLine("Daemon", typeof(TopLevelCommand).Assembly));
            return true;
        }
        if (CommandSwitches.WantsHelp(args))
        {
            output.WriteLine(Usage);
            return true;
        }
        return false;
    }
}
