using System.Diagnostics;

namespace Daemon.Tests.Linux;

/// <summary>
/// A uniquely named cgroup created for one test in the given hierarchies, with processes started
/// inside it; disposing kills the processes and removes the cgroup (children first).
/// </summary>
internal sealed class TestCGroup : IDisposable
{
    private readonly string[] hierarchies;
    private readonly List<Process> processes = [];

    public TestCGroup(params string[] hierarchies)
    {
        this.hierarchies = hierarchies;
        Name = "iws-test-" + Guid.NewGuid().ToString("N")[..10];
        foreach (var hierarchy in hierarchies)
        {
            Directory.CreateDirectory(Path.Combine(hierarchy, Name));
        }
    }

    /// <summary>The cgroup path relative to each hierarchy root.</summary>
    public string Name { get; }

    /// <summary>The cgroup's directory in <paramref name="hierarchy"/>.</summary>
    public string In(string hierarchy) => Path.Combine(hierarchy, Name);

    /// <summary>Starts <paramref name="command"/> (a shell command) already inside the cgroup, so everything it allocates is charged here.</summary>
    public Process Start(string command)
    {
        var joins = string.Concat(hierarchies.Select(h => $"echo $$ > {Path.Combine(h, Name, "cgroup.procs")} && "));
        var info = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add($"{joins}exec {command}");
        var process = Process.Start(info)!;
        processes.Add(process);
        var procs = Path.Combine(hierarchies[0], Name, "cgroup.procs");
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline && !File.ReadAllLines(procs).Contains(process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        {
            Thread.Sleep(10);
        }

        return process;
    }

    public void Dispose()
    {
        foreach (var process in processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }

            process.Dispose();
        }

        foreach (var hierarchy in hierarchies)
        {
            RemoveTree(Path.Combine(hierarchy, Name));
        }
    }

    private static void RemoveTree(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return;
        }

        foreach (var child in Directory.GetDirectories(directory))
        {
            RemoveTree(child);
        }

        // A killed task leaves its cgroup asynchronously; rmdir fails with EBUSY until it has.
        for (var attempt = 0; attempt < 50; attempt++)
        {
            try
            {
                Directory.Delete(directory);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(50);
            }
        }
    }
}
