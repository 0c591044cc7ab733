using Daemon.InWorkspace;
using Daemon.InWorkspace.Api;
using Daemon.Tests.Linux;
using Grpc.Core;

namespace Daemon.Tests.InWorkspace;

/// <summary>WriteIDMapping over the workspace socket against a real user namespace.</summary>
public sealed class IdMappingTests
{
    private static WriteIDMappingRequest Request(long pid, bool gid, params (uint Container, uint Host, uint Size)[] mappings)
    {
        var request = new WriteIDMappingRequest { Pid = pid, Gid = gid };
        request.Mapping.AddRange(mappings.Select(m => new WriteIDMappingRequest.Types.Mapping { ContainerId = m.Container, HostId = m.Host, Size = m.Size }));
        return request;
    }

    private static string[] MapLines(int hostPid, string file) =>
        File.ReadAllLines($"/proc/{hostPid}/{file}")
            .Select(l => string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            .ToArray();

    [NamespacesFact]
    public async Task WritesUidAndGidMapsOfTheWorkspaceProcess()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync();
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(Registration(workspace)));

        await client.WriteIDMappingAsync(Request(1, false, (0, 100000, 1000), (1000, 101000, 64536)));
        await client.WriteIDMappingAsync(Request(1, true, (0, 100000, 65536)));

        Assert.Equal(["0 100000 1000", "1000 101000 64536"], MapLines(workspace.RootPid, "uid_map"));
        Assert.Equal(["0 100000 65536"], MapLines(workspace.RootPid, "gid_map"));

        // The kernel takes one write per map; a second one is refused and leaves the map as it was.
        var again = await Assert.ThrowsAsync<RpcException>(() => client.WriteIDMappingAsync(Request(1, false, (0, 100000, 10))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Equal(["0 100000 1000", "1000 101000 64536"], MapLines(workspace.RootPid, "uid_map"));
    }

    [NamespacesFact]
    public async Task RefusesBadMappingsAndForeignPidsWithoutTouchingTheMap()
    {
        using var workspace = WorkspaceProcess.Start();
        using var other = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?> { ["DefaultRateLimit:Burst"] = "20" });
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(Registration(workspace)));

        var cases = new (WriteIDMappingRequest Request, StatusCode Expected)[]
        {
            (Request(1, false, (0, 0, 1)), StatusCode.InvalidArgument),                           // host root is outside the range
            (Request(1, false, (0, 100000, 65537)), StatusCode.InvalidArgument),                  // runs past the range
            (Request(1, false, (0, 100000, 10), (5, 100100, 10)), StatusCode.InvalidArgument),    // container ids overlap
            (Request(1, false, (0, 100000, 10), (100, 100005, 10)), StatusCode.InvalidArgument),  // host ids overlap
            (Request(1, false, (0, 100000, 0)), StatusCode.InvalidArgument),                      // empty mapping
            (Request(1, false), StatusCode.InvalidArgument),                                      // no mapping at all
            (Request(0, false, (0, 100000, 10)), StatusCode.InvalidArgument),                     // no pid
            (Request(4242, false, (0, 100000, 10)), StatusCode.PermissionDenied),                 // no such pid in the workspace
            (Request(other.RootPid, false, (0, 100000, 10)), StatusCode.PermissionDenied),        // a host pid of another workspace
            (Request(Environment.ProcessId, true, (0, 100000, 10)), StatusCode.PermissionDenied), // the daemon itself
        };
        foreach (var (request, expected) in cases)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => client.WriteIDMappingAsync(request).ResponseAsync);
            Assert.Equal(expected, error.StatusCode);
        }

        Assert.Empty(File.ReadAllText($"/proc/{workspace.RootPid}/uid_map").Trim());
        Assert.Empty(File.ReadAllText($"/proc/{other.RootPid}/uid_map").Trim());
    }

    [NamespacesFact]
    public async Task RateLimitsWriteIDMappingAndOnceOnlyCalls()
    {
        using var workspace = WorkspaceProcess.Start();
        await using var host = await InWorkspaceHost.StartAsync(new Dictionary<string, string?>
        {
            ["RateLimits:WriteIDMapping:Burst"] = "2",
            ["RateLimits:WriteIDMapping:TokensPerPeriod"] = "1",
            ["RateLimits:WriteIDMapping:Period"] = "00:10:00",
        });
        var client = new InWorkspaceService.InWorkspaceServiceClient(await host.ServeAsync(Registration(workspace)));

        await client.WriteIDMappingAsync(Request(1, false, (0, 100000, 10)));
        await client.WriteIDMappingAsync(Request(1, true, (0, 100000, 10)));
        var limited = await Assert.ThrowsAsync<RpcException>(() => client.WriteIDMappingAsync(Request(1, true, (0, 100000, 10))).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);

        Assert.Equal(FSShiftMethod.Idmapped, (await client.PrepareForUserNSAsync(new PrepareForUserNSRequest())).FsShift);
        var twice = await Assert.ThrowsAsync<RpcException>(() => client.PrepareForUserNSAsync(new PrepareForUserNSRequest()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, twice.StatusCode);

        Assert.True((await client.TeardownAsync(new TeardownRequest())).Success);
        var wiping = await Assert.ThrowsAsync<RpcException>(() => client.WipingTeardownAsync(new WipingTeardownRequest()).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, wiping.StatusCode);
    }

    internal static WorkspaceRegistration Registration(WorkspaceProcess workspace, string? cgroup = null, string? root = null) => new()
    {
        Id = "ws-" + Guid.NewGuid().ToString("N")[..12],
        OwnerPid = workspace.RootPid,
        CGroupPath = cgroup,
        RootDirectory = root,
    };
}
