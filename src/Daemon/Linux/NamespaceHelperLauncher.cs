using System.Globalization;

namespace Daemon.Linux;

/// <summary>Runs <see cref="NamespaceHelper"/> inside the namespaces of a host process through nsenter.</summary>
internal sealed class NamespaceHelperLauncher(HelperCommand command, TimeSpan timeout)
{
    /// <summary>
    /// Enters the PID and mount namespaces of <paramref name="hostPid"/> (and its network namespace
    /// when <paramref name="withNetwork"/>), then performs <paramref name="operation"/> at
    /// <paramref name="target"/>. Throws <see cref="SysCallException"/> with the helper's errno on failure.
    /// </summary>
    public async Task RunAsync(int hostPid, NamespaceOperation operation, string target, IReadOnlyList<string> extra, bool withNetwork, CancellationToken cancellationToken)
    {
        var args = new List<string> { "--target", hostPid.ToString(CultureInfo.InvariantCulture), "--mount", "--pid" };
        if (withNetwork)
        {
            args.Add("--net");
        }

        args.Add("--");
        args.Add(command.File);
        args.AddRange(command.Prefix);
        args.Add(NamespaceHelper.Verb);
        args.Add(operation.ToString());
        args.Add(target);
        args.AddRange(extra);

        var result = await CommandRunner.RunAsync("nsenter", args, timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw ToException(result, operation, target);
        }
    }

    private static SysCallException ToException(CommandResult result, NamespaceOperation operation, string target)
    {
        // The helper reports "errno:<n>:<text>" as its last line; anything else is an nsenter failure.
        var line = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault(l => l.StartsWith("errno:", StringComparison.Ordinal));
        if (line is not null)
        {
            var parts = line.Split(':', 3);
            if (int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var errno))
            {
                return new SysCallException(operation.ToString(), $"{target}: {parts[2]}", errno);
            }
        }

        var errnoGuess = result.StandardError.Contains("No such process", StringComparison.Ordinal) ? Errno.ESRCH : Errno.EPERM;
        return new SysCallException("nsenter", $"{target}: {result.StandardError.Trim()}", errnoGuess);
    }
}
