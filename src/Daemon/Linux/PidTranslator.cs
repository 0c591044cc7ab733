using System.Globalization;

namespace Daemon.Linux;

/// <summary>
/// Maps a pid as seen inside a workspace to the host pid, considering only the workspace's
/// root process and its descendants, so a caller can never reach a process outside its workspace.
/// </summary>
internal sealed class PidTranslator(string procRoot = "/proc")
{
    /// <summary>
    /// Finds the host pid of <paramref name="inWorkspacePid"/>, where the workspace is the PID
    /// namespace of <paramref name="rootHostPid"/>. Null when no descendant carries that pid.
    /// </summary>
    public int? ToHostPid(int rootHostPid, long inWorkspacePid)
    {
        if (inWorkspacePid <= 0 || inWorkspacePid > int.MaxValue)
        {
            return null;
        }

        var root = ProcStatus.Read(rootHostPid, procRoot);
        if (root is null)
        {
            return null;
        }

        // The workspace's namespace level is the innermost level of its root process.
        var level = root.NamespacePids.Count - 1;
        foreach (var (hostPid, status) in Descendants(rootHostPid, root))
        {
            if (status.NamespacePids.Count > level && status.NamespacePids[level] == inWorkspacePid)
            {
                return hostPid;
            }
        }

        return null;
    }

    private IEnumerable<(int Pid, ProcStatus Status)> Descendants(int rootPid, ProcStatus rootStatus)
    {
        var all = new Dictionary<int, ProcStatus>();
        foreach (var dir in Directory.EnumerateDirectories(procRoot))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcStatus.Read(pid, procRoot) is { } status)
            {
                all[pid] = status;
            }
        }

        var children = all.ToLookup(p => p.Value.ParentPid, p => p.Key);
        var queue = new Queue<int>([rootPid]);
        yield return (rootPid, rootStatus);
        while (queue.Count > 0)
        {
            foreach (var child in children[queue.Dequeue()])
            {
                queue.Enqueue(child);
                yield return (child, all[child]);
            }
        }
    }
}
