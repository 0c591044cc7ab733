using System.Diagnostics;
using System.Globalization;

namespace Daemon.Tests.Linux;

/// <summary>
/// A stand-in workspace: a sleeping process that is pid 1 of new user, PID, mount and network
/// namespaces, started with unshare. Disposing kills the whole tree.
/// </summary>
internal sealed class WorkspaceProcess : IDisposable
{
    private readonly Process unshare;

    private WorkspaceProcess(Process unshare, int rootPid)
    {
        this.unshare = unshare;
        RootPid = rootPid;
    }

    /// <summary>Host pid of the workspace's pid 1.</summary>
    public int RootPid { get; }

    /// <summary>Starts the namespaces; <paramref name="withUserNamespace"/> adds a user namespace without a mapping.</summary>
    public static WorkspaceProcess Start(bool withUserNamespace = true)
    {
        var info = new ProcessStartInfo("unshare") { RedirectStandardError = true, RedirectStandardOutput = true };
        var args = new List<string> { "--pid", "--mount", "--net", "--fork", "--kill-child" };
        if (withUserNamespace)
        {
            args.Insert(0, "--user");
        }

        args.AddRange(["--", "sleep", "300"]);
        args.ForEach(info.ArgumentList.Add);
        var process = Process.Start(info)!;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            var children = File.ReadAllText($"/proc/{process.Id}/task/{process.Id}/children").Trim();
            if (children.Length > 0 && File.ReadAllText($"/proc/{children}/cmdline").StartsWith("sleep", StringComparison.Ordinal))
            {
                return new WorkspaceProcess(process, int.Parse(children, CultureInfo.InvariantCulture));
            }

            Thread.Sleep(20);
        }

        process.Kill(entireProcessTree: true);
        throw new InvalidOperationException("the workspace process did not start");
    }

    /// <summary>Runs a command inside the workspace's namespaces through nsenter and returns its output.</summary>
    public string Enter(string namespaces, params string[] command)
    {
        var info = new ProcessStartInfo("nsenter") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add("--target");
        info.ArgumentList.Add(RootPid.ToString(CultureInfo.InvariantCulture));
        foreach (var ns in namespaces.Split(' '))
        {
            info.ArgumentList.Add(ns);
        }

        info.ArgumentList.Add("--");
        command.ToList().ForEach(info.ArgumentList.Add);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }

    /// <summary>The mountinfo lines of the workspace's mount namespace.</summary>
    public string[] MountInfo() => File.ReadAllLines($"/proc/{RootPid}/mountinfo");

    public void Dispose()
    {
        if (!unshare.HasExited)
        {
            unshare.Kill(entireProcessTree: true);
            unshare.WaitForExit(5000);
        }

        unshare.Dispose();
    }
}
