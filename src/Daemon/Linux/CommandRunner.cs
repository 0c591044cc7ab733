using System.Diagnostics;

namespace Daemon.Linux;

/// <summary>Runs a command-line tool with an argument list (never through a shell) and a deadline.</summary>
internal static class CommandRunner
{
    /// <summary>Runs <paramref name="file"/> and waits for it, killing it when the deadline passes.</summary>
    public static async Task<CommandResult> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return new CommandResult(-1, string.Empty, $"{file} did not finish within {timeout.TotalSeconds:0.#}s");
        }

        return new CommandResult(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    /// <summary>Runs a command and throws when it fails, with its error output in the message.</summary>
    public static async Task<string> RunCheckedAsync(string file, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var list = arguments.ToList();
        var result = await RunAsync(file, list, timeout, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new CommandFailedException($"{file} {string.Join(' ', list)} exited with {result.ExitCode}: {result.StandardError.Trim()}");
        }

        return result.StandardOutput;
    }
}
