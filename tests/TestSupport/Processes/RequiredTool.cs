namespace Facade.TestSupport;

/// <summary>Finds the external programs tests depend on, and says why a test is skipped without them.</summary>
public static class RequiredTool
{
    /// <summary>The full path of an executable on <c>PATH</c> (or an absolute path that exists), or null.</summary>
    public static string? Find(string name)
    {
        if (Path.IsPathRooted(name)) return File.Exists(name) ? name : null;
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The path of a tool; throws with install advice when it is missing.</summary>
    public static string Require(string name) =>
        Find(name) ?? throw new InvalidOperationException(SkipReason([name]));

    /// <summary>Null when every tool is present, else a reason naming the missing ones.</summary>
    public static string? SkipReason(IEnumerable<string> names)
    {
        var missing = names.Where(n => Find(n) is null).ToArray();
        if (missing.Length == 0) return null;
        return $"requires {string.Join(", ", missing)} on PATH (install the test dependencies: scripts/install-test-deps.sh)";
    }

    /// <summary>Null when the process is root (needed for containerd's mounts), else a reason.</summary>
    public static string? RootSkipReason() =>
        Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root"
            ? null
            : "requires root (containerd mounts snapshots)";
}
