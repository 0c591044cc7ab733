namespace Daemon.Linux.CGroups;

/// <summary>
/// Where a cgroup's files live. On the unified hierarchy (v2) all controllers share one directory;
/// on v1 each controller has its own mount (cpu, cpuacct, memory, or a combined "cpu,cpuacct").
/// </summary>
internal sealed class CGroupLayout
{
    private CGroupLayout(string root, bool unified)
    {
        Root = root;
        Unified = unified;
    }

    /// <summary>The cgroup file system mount point, e.g. /sys/fs/cgroup.</summary>
    public string Root { get; }

    /// <summary>True for cgroup v2.</summary>
    public bool Unified { get; }

    /// <summary>Detects the version: v2 when the root itself carries cgroup.controllers.</summary>
    public static CGroupLayout Detect(string root) => new(root, File.Exists(Path.Combine(root, "cgroup.controllers")));

    /// <summary>A layout with an explicit version, for directories prepared by hand.</summary>
    public static CGroupLayout Of(string root, bool unified) => new(root, unified);

    /// <summary>The directory of <paramref name="cgroup"/> for <paramref name="controller"/> (ignored on v2).</summary>
    public string DirectoryOf(string cgroup, CGroupController controller)
    {
        var relative = Relative(cgroup);
        if (Unified)
        {
            return Path.Combine(Root, relative);
        }

        var mount = controller switch
        {
            CGroupController.Cpu => FirstExisting("cpu", "cpu,cpuacct"),
            CGroupController.CpuAccounting => FirstExisting("cpuacct", "cpu,cpuacct"),
            _ => "memory",
        };
        return Path.Combine(Root, mount, relative);
    }

    /// <summary>Null when <paramref name="cgroup"/> is a safe relative cgroup path, else the reason.</summary>
    public static string? Problem(string? cgroup)
    {
        if (string.IsNullOrWhiteSpace(cgroup))
        {
            return "cgroup path is empty";
        }

        var trimmed = cgroup.Trim('/');
        return trimmed.Length == 0 ? "cgroup path names the root cgroup" : TargetPath.Problem("/" + trimmed);
    }

    private static string Relative(string cgroup) =>
        Problem(cgroup) is { } problem ? throw new ArgumentException(problem, nameof(cgroup)) : cgroup.Trim('/');

    private string FirstExisting(string preferred, string alternative) =>
        Directory.Exists(Path.Combine(Root, preferred)) ? preferred : alternative;
}
