using Daemon.InWorkspace.Api;
using Daemon.Tests.Linux;
using Grpc.Core;

namespace Daemon.Tests.InWorkspace;

/// <summary>MountProc, MountSysfs and their inverses inside a real workspace's namespaces.</summary>
public sealed class MountTests
{
    private static string[] MountsBelow(WorkspaceProcess workspace, string target) =>
        workspace.MountInfo().Where(l => l.Split(' ')[4] == target || l.Split(' ')[4].StartsWith(target + "/", StringComparison.Ordinal)).ToArray();

    [NamespacesFact]
    public async Task MountsAMaskedProcForTheWorkspacePidNamespaceAndRemovesIt()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));
        var target = Path.Combine(host.Directory, "proc");

        await client.MountProcAsync(new MountProcRequest { Pid = 1, Target = target });

        var mounts = MountsBelow(workspace, target);
        Assert.Contains(mounts, l => l.Split(' ')[4] == target && l.Contains(" - proc ", StringComparison.Ordinal));
        // The workspace's proc shows its own PID namespace: pid 1 is the workspace's sleep, not the host's init.
        var viaWorkspaceRoot = $"/proc/{workspace.RootPid}/root{target}";
        Assert.StartsWith("sleep", File.ReadAllText($"{viaWorkspaceRoot}/1/cmdline"), StringComparison.Ordinal);
        Assert.False(Directory.Exists($"{viaWorkspaceRoot}/{Environment.ProcessId}"), "a host process is visible in the workspace's proc");
        // Masks: /dev/null over keys and timer_list, /proc/sys read-only, and none of it visible on the host.
        Assert.Contains(mounts, l => l.Split(' ')[4] == target + "/keys" && l.Split(' ')[3] == "/null");
        Assert.Equal(string.Empty, File.ReadAllText($"{viaWorkspaceRoot}/keys"));
        Assert.Contains(mounts, l => l.Split(' ')[4] == target + "/sys" && l.Split(' ')[5].Split(',').Contains("ro"));
        Assert.Throws<IOException>(() => File.WriteAllText($"{viaWorkspaceRoot}/sys/kernel/hostname", "changed"));
        Assert.DoesNotContain(File.ReadAllLines("/proc/self/mountinfo"), l => l.Contains(target, StringComparison.Ordinal));
        // The proc was masked in a root-only staging directory and moved; the staging directory is gone.
        Assert.Empty(Directory.GetDirectories(host.Directory, ".iws-stage-*"));

        var duplicate = await Assert.ThrowsAsync<RpcException>(() => client.MountProcAsync(new MountProcRequest { Pid = 1, Target = target }).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);

        await client.UmountProcAsync(new UmountProcRequest { Pid = 1, Target = target });
        Assert.Empty(MountsBelow(workspace, target));
    }

    [NamespacesFact]
    public async Task MountsSysfsOfTheWorkspaceNetworkNamespace()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));
        var target = Path.Combine(host.Directory, "sys");

        await client.MountSysfsAsync(new MountProcRequest { Pid = 1, Target = target });

        Assert.Contains(MountsBelow(workspace, target), l => l.Split(' ')[4] == target && l.Contains(" - sysfs ", StringComparison.Ordinal));
        // A fresh network namespace has only the loopback device.
        Assert.Equal(["lo"], Directory.GetFileSystemEntries($"/proc/{workspace.RootPid}/root{target}/class/net").Select(Path.GetFileName));

        await client.UmountSysfsAsync(new UmountProcRequest { Pid = 1, Target = target });
        Assert.Empty(MountsBelow(workspace, target));
    }

    [NamespacesFact]
    public async Task RefusesTraversalForeignPidsAndUnknownMountsWithoutMounting()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?> { ["DefaultRateLimit:Burst"] = "30" });
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));
        var before = workspace.MountInfo().Length;
        var inside = Path.Combine(host.Directory, "proc");

        var cases = new (Func<Task> Call, StatusCode Expected)[]
        {
            (() => client.MountProcAsync(new MountProcRequest { Pid = 1, Target = host.Directory + "/../etc" }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountProcAsync(new MountProcRequest { Pid = 1, Target = "relative/proc" }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountProcAsync(new MountProcRequest { Pid = 1, Target = "/" }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountProcAsync(new MountProcRequest { Pid = 1, Target = string.Empty }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountSysfsAsync(new MountProcRequest { Pid = 1, Target = inside + "/./x" }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountProcAsync(new MountProcRequest { Pid = 77, Target = inside }).ResponseAsync, StatusCode.PermissionDenied),
            (() => client.MountProcAsync(new MountProcRequest { Pid = Environment.ProcessId, Target = inside }).ResponseAsync, StatusCode.PermissionDenied),
            (() => client.MountProcAsync(new MountProcRequest { Pid = -1, Target = inside }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.UmountProcAsync(new UmountProcRequest { Pid = 1, Target = "/proc" }).ResponseAsync, StatusCode.NotFound),
            (() => client.UmountSysfsAsync(new UmountProcRequest { Pid = 1, Target = inside }).ResponseAsync, StatusCode.NotFound),
            (() => client.MountNfsAsync(new MountNfsRequest { Pid = 1, Source = "no-export", Target = inside }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountNfsAsync(new MountNfsRequest { Pid = 1, Source = "server.example:/export", Target = inside }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountNfsAsync(new MountNfsRequest { Pid = 1, Source = "127.0.0.1:/export", Args = "vers=3 ,x", Target = inside }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountNfsAsync(new MountNfsRequest { Pid = 1, Source = "127.0.0.1:/export", Target = "/a/../b" }).ResponseAsync, StatusCode.InvalidArgument),
            (() => client.MountNfsAsync(new MountNfsRequest { Pid = 99, Source = "127.0.0.1:/export", Target = inside }).ResponseAsync, StatusCode.PermissionDenied),
            (() => client.UmountNfsAsync(new UmountNfsRequest { Pid = 1, Target = inside }).ResponseAsync, StatusCode.NotFound),
        };
        foreach (var (call, expected) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(call);
            Assert.Equal(expected, error.StatusCode);
        }

        Assert.Equal(before, workspace.MountInfo().Length);
        Assert.False(Directory.Exists(inside));
    }

    [NamespacesFact]
    public async Task TeardownUnmountsWhatWasMountedAndReportsSuccess()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));
        var proc = Path.Combine(host.Directory, "p");
        var sys = Path.Combine(host.Directory, "s");
        await client.MountProcAsync(new MountProcRequest { Pid = 1, Target = proc });
        await client.MountSysfsAsync(new MountProcRequest { Pid = 1, Target = sys });
        Assert.NotEmpty(MountsBelow(workspace, proc));

        Assert.True((await client.TeardownAsync(new TeardownRequest())).Success);

        Assert.Empty(MountsBelow(workspace, proc));
        Assert.Empty(MountsBelow(workspace, sys));
    }
}
