using Daemon.InWorkspace;
using Daemon.InWorkspace.Api;
using Daemon.Tests.Linux;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace Daemon.Tests.InWorkspace;

/// <summary>Registration, PrepareForUserNS, teardown variants and NFS on this kernel.</summary>
public sealed class LifecycleTests
{
    private static bool IsMountPoint(string path) =>
        File.ReadAllLines("/proc/self/mountinfo").Any(l => l.Split(' ')[4] == path);

    [NamespacesFact]
    public async Task PrepareSharesTheContentDirectoryAndWipingTeardownUndoesAndEmptiesIt()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var root = Path.Combine(host.Directory, "content");
        Directory.CreateDirectory(Path.Combine(root, "src"));
        File.WriteAllText(Path.Combine(root, "src", "main.c"), "int main(void) { return 0; }");
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace, root: root)));
        try
        {
            var prepared = await client.PrepareForUserNSAsync(new PrepareForUserNSRequest { UsernsPid = 1 });

            Assert.Equal(FSShiftMethod.Idmapped, prepared.FsShift);
            var line = File.ReadAllLines("/proc/self/mountinfo").Single(l => l.Split(' ')[4] == root);
            Assert.Contains("shared:", line, StringComparison.Ordinal);

            Assert.True((await client.WipingTeardownAsync(new WipingTeardownRequest { DoWipe = true })).Success);
            Assert.False(IsMountPoint(root));
            Assert.Empty(Directory.EnumerateFileSystemEntries(root));
        }
        finally
        {
            while (IsMountPoint(root))
            {
                Daemon.Linux.Mounts.Unmount(root, Daemon.Linux.Mounts.Detach);
            }
        }
    }

    [NamespacesFact]
    public async Task PrepareRefusesAForeignUserNamespacePid()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.PrepareForUserNSAsync(new PrepareForUserNSRequest { UsernsPid = Environment.ProcessId }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [NamespacesFact]
    public async Task MountNfsReachesTheKernelInTheWorkspaceAndLeavesNothingOnFailure()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(IdMappingTests.Registration(workspace)));
        var target = Path.Combine(host.Directory, "nfs");
        var before = workspace.MountInfo().Length;
        var nfsInKernel = File.ReadAllLines("/proc/filesystems").Any(l => l.EndsWith("\tnfs", StringComparison.Ordinal));

        // No NFS server runs here: the kernel either lacks NFS (ENODEV) or is refused on port 1.
        var error = await Assert.ThrowsAsync<RpcException>(() => client.MountNfsAsync(new MountNfsRequest
        {
            Pid = 1,
            Source = "127.0.0.1:/export",
            Target = target,
            Args = "vers=3,proto=tcp,port=1,mountport=1,soft,timeo=10,retrans=1,nolock",
        }).ResponseAsync);

        Assert.NotEqual(StatusCode.OK, error.StatusCode);
        if (!nfsInKernel)
        {
            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        }

        Assert.Equal(before, workspace.MountInfo().Length);
        var unmount = await Assert.ThrowsAsync<RpcException>(() => client.UmountNfsAsync(new UmountNfsRequest { Pid = 1, Target = target }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unmount.StatusCode);
    }

    [NamespacesFact]
    public async Task RegistryRefusesBadAndDuplicateRegistrationsAndClosesSockets()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var registration = IdMappingTests.Registration(workspace);
        var socket = await host.Registry.RegisterAsync(registration);

        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Registry.RegisterAsync(registration));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Registry.RegisterAsync(new WorkspaceRegistration { Id = "../escape", OwnerPid = workspace.RootPid }));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Registry.RegisterAsync(new WorkspaceRegistration { Id = "ok", OwnerPid = 0 }));
        await Assert.ThrowsAsync<ArgumentException>(() => host.Registry.RegisterAsync(new WorkspaceRegistration { Id = "ok", OwnerPid = 1, CGroupPath = "../../x" }));
        Assert.False(await host.Registry.UnregisterAsync("unknown"));
        Assert.Null(host.Registry.Find("unknown"));
        Assert.NotNull(host.Registry.Find(registration.Id));

        var client = new InWorkspaceService.InWorkspaceServiceClient(host.Connect(socket));
        Assert.True(await host.Registry.UnregisterAsync(registration.Id));
        Assert.False(File.Exists(socket));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.TeardownAsync(new TeardownRequest()).ResponseAsync);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
    }

    [NamespacesFact]
    public async Task ServesWorkspacesNamedInConfigurationFromTheStart()
    {
        using var workspace = WorkspaceProcess.Start();
        var id = "static-" + Guid.NewGuid().ToString("N")[..8];
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["Workspaces:0:Id"] = id,
            ["Workspaces:0:OwnerPid"] = workspace.RootPid.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        var socket = Path.Combine(host.Directory, id + ".sock");
        Assert.NotNull(host.Registry.Find(id));
        var client = new InWorkspaceService.InWorkspaceServiceClient(host.Connect(socket));
        Assert.Equal(FSShiftMethod.Idmapped, (await client.PrepareForUserNSAsync(new PrepareForUserNSRequest())).FsShift);
    }

    [Fact]
    public async Task InvalidConfigurationStopsTheStart()
    {
        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => InWorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["UidRanges:1:Start"] = "4294967000",
            ["UidRanges:1:Size"] = "1000",
            ["SocketDirectory"] = "relative",
        }));

        Assert.Contains(error.Failures, f => f.Contains("SocketDirectory", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("4294967000", StringComparison.Ordinal));
    }
}
