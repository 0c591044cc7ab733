using System.Diagnostics;

namespace Facade.Tests.Ipfs;

/// <summary>Runs a project script or tool to completion, with a time limit, and returns its output.</summary>
internal static class ScriptRunner
{
    /// <summary>The repository root (the folder holding <c>scripts/</c>).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Runs <paramref name="file"/>; a non-zero exit or the time limit throws with all output.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan limit)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {limit}: {await stderr}");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} exited with {process.ExitCode}:\n{await stdout}\n{await stderr}");
        return await stdout;
    }

    /// <summary>True when <paramref name="tool"/> is on PATH.</summary>
    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, tool)));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "scripts", "ipfs", "start.sh"))) return dir.FullName;
        }
        throw new InvalidOperationException("cannot find the repository root (scripts/ipfs/start.sh) above " + AppContext.BaseDirectory);
    }
}
