using System.Diagnostics;

namespace Daemon.Tests.Linux;

/// <summary>Checks, once per test run, which kernel features and tools this machine offers.</summary>
internal static class Privileges
{
    private static readonly Lazy<string?> NamespacesProblem = new(ProbeNamespaces);
    private static readonly Lazy<string?> CGroupV1Problem = new(() => ProbeWritable("/sys/fs/cgroup/cpu", "/sys/fs/cgroup/cpuacct", "/sys/fs/cgroup/memory"));
    private static readonly Lazy<string?> UnifiedProblem = new(() => File.Exists("/sys/fs/cgroup/unified/cgroup.controllers") ? ProbeWritable("/sys/fs/cgroup/unified") : "no cgroup v2 hierarchy at /sys/fs/cgroup/unified");

    /// <summary>Null when user, PID, mount and network namespaces plus nsenter, ip and iptables work as root.</summary>
    public static string? Namespaces => NamespacesProblem.Value;

    /// <summary>Null when cgroup v1 cpu, cpuacct and memory hierarchies are writable.</summary>
    public static string? CGroupV1 => CGroupV1Problem.Value;

    /// <summary>Null when a writable cgroup v2 hierarchy is mounted at /sys/fs/cgroup/unified.</summary>
    public static string? UnifiedCGroup => UnifiedProblem.Value;

    private static string? ProbeNamespaces()
    {
        if (Environment.UserName != "root")
        {
            return "needs root";
        }

        foreach (var tool in new[] { "unshare", "nsenter", "ip", "iptables" })
        {
            if (!Run("sh", "-c", $"command -v {tool}"))
            {
                return $"{tool} is not installed";
            }
        }

        return Run("unshare", "--user", "--pid", "--mount", "--net", "--fork", "true") ? null : "cannot create user, PID, mount and network namespaces";
    }

    private static string? ProbeWritable(params string[] hierarchies)
    {
        foreach (var hierarchy in hierarchies)
        {
            var probe = Path.Combine(hierarchy, "iws-probe-" + Guid.NewGuid().ToString("N")[..8]);
            try
            {
                Directory.CreateDirectory(probe);
                Directory.Delete(probe);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return $"cannot create a cgroup under {hierarchy}: {e.Message}";
            }
        }

        return null;
    }

    private static bool Run(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            process.WaitForExit(10_000);
            return process.HasExited && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
