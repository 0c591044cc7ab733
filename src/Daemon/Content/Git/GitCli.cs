using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Daemon.Hosting;
using Grpc.Core;

namespace Daemon.Content.Git;

/// <summary>
/// Runs the <c>git</c> CLI without a shell. Hooks and fsmonitor are disabled on every call
/// because workspace content (and restored backups) must never run code in the daemon; prompts
/// are disabled so a missing credential fails instead of hanging.
/// </summary>
internal sealed partial class GitCli(DaemonOptions options, ILogger<GitCli> logger)
{
    private const string UserVariable = "DAEMON_GIT_AUTH_USER";
    private const string PasswordVariable = "DAEMON_GIT_AUTH_PASSWORD";

    // The helper reads the secrets from the environment, so they never appear in arguments or logs.
    private const string CredentialHelper =
        "!f() { test \"$1\" = get && printf 'username=%s\\npassword=%s\\n' \"$" + UserVariable + "\" \"$" + PasswordVariable + "\"; }; f";

    /// <summary>Runs git in <paramref name="directory"/>; returns stdout or throws FailedPrecondition with git's (redacted) message.</summary>
    public async Task<string> RunAsync(string directory, IReadOnlyList<string> arguments, GitCredentials? credentials, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["LC_ALL"] = "C";
        start.Environment.Remove("GIT_ASKPASS");
        start.Environment.Remove("SSH_ASKPASS");
        foreach (var setting in new[] { "core.hooksPath=/dev/null", "core.fsmonitor=false", "protocol.ext.allow=never" })
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(setting);
        }
        if (credentials is not null)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("credential.helper=");
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add("credential.helper=" + CredentialHelper);
            start.Environment[UserVariable] = credentials.User;
            start.Environment[PasswordVariable] = credentials.Password;
        }
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        ContentLog.GitCommand(logger, Redact(string.Join(' ', arguments)), directory);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Content.GitTimeout);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(stdout, stderr);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (cancellationToken.IsCancellationRequested) throw;
            throw new ContentException(StatusCode.DeadlineExceeded, $"git {arguments[0]} did not finish within {options.Content.GitTimeout}");
        }
        if (process.ExitCode != 0)
            throw ContentException.Precondition($"git {arguments[0]} failed: {Redact(Tail(stderr.Result))}");
        return stdout.Result;
    }

    /// <summary>Removes user info from URLs, e.g. <c>https://user:token@host</c>.</summary>
    public static string Redact(string text) => UserInfo().Replace(text, "://***@");

    private static string Tail(string text)
    {
        text = text.Trim();
        return text.Length <= 1000 ? text : "..." + text[^1000..];
    }

    [GeneratedRegex("://[^/@\\s]+@")]
    private static partial Regex UserInfo();
}
