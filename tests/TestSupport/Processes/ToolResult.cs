namespace Facade.TestSupport;

/// <summary>How a command ended: its exit code and what it wrote.</summary>
public sealed record ToolResult(string Command, int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>True for exit code 0.</summary>
    public bool Succeeded => ExitCode == 0;

    /// <summary>Throws with the command's output when it failed; returns this otherwise.</summary>
    public ToolResult EnsureSuccess() => Succeeded
        ? this
        : throw new InvalidOperationException($"'{Command}' exited with {ExitCode}\nstdout:\n{StandardOutput}\nstderr:\n{StandardError}");
}
