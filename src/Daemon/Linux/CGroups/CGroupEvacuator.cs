namespace Daemon.Linux.CGroups;

/// <summary>
/// Moves every process of a v2 cgroup into a leaf child and enables the available controllers for
/// the children. cgroup v2 forbids processes in inner nodes once controllers are delegated, so a
/// workspace must be evacuated before it can create its own sub-cgroups.
/// </summary>
internal static class CGroupEvacuator
{
    /// <summary>Evacuates <paramref name="cgroup"/> into <paramref name="leaf"/>; returns the processes moved.</summary>
    public static int Evacuate(CGroupLayout layout, string cgroup, string leaf)
    {
        if (!layout.Unified)
        {
            throw new InvalidOperationException("evacuation needs the unified (v2) cgroup hierarchy");
        }

        var directory = layout.DirectoryOf(cgroup, CGroupController.Cpu);
        var leafDirectory = Path.Combine(directory, leaf);
        Directory.CreateDirectory(leafDirectory);

        var moved = 0;
        // Processes may fork while we move them; repeat until the parent is empty.
        for (var round = 0; round < 10; round++)
        {
            var pids = File.ReadAllLines(Path.Combine(directory, "cgroup.procs")).Where(l => l.Length > 0).ToList();
            if (pids.Count == 0)
            {
                break;
            }

            foreach (var pid in pids)
            {
                try
                {
                    File.WriteAllText(Path.Combine(leafDirectory, "cgroup.procs"), pid);
                    moved++;
                }
                catch (IOException)
                {
                    // The process exited between listing and moving it.
                }
            }
        }

        var controllers = File.ReadAllText(Path.Combine(directory, "cgroup.controllers"))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (controllers.Length > 0)
        {
            File.WriteAllText(Path.Combine(directory, "cgroup.subtree_control"), string.Join(' ', controllers.Select(c => "+" + c)));
        }

        return moved;
    }
}
