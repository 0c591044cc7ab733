using System.Text.Json.Nodes;
using Daemon.Tests.Content;
using Daemon.Tests.Content.Support;

namespace Daemon.Tests.Storage;

/// <summary>Backup and restore through docker-registry; corruption is a blob tampered with on the registry's disk.</summary>
public sealed class OciBackupRestore(RegistryFixture registry) : BackupRestoreContract, IClassFixture<RegistryFixture>
{
    protected override Dictionary<string, string?> Settings => registry.DaemonSettings;

    protected override string? SkipReason => registry.SkipReason;

    private protected override async Task<string?> StoreGarbageAsync(DaemonServer daemon)
    {
        await daemon.Client.InitWorkspaceAsync(WorkspaceRequests.Init("ws-tamper", WorkspaceRequests.Empty()));
        File.WriteAllText(Path.Combine(daemon.WorkspacePath("ws-tamper"), "data.txt"), new string('x', 5000));
        var url = (await daemon.Client.TakeSnapshotAsync(new Protos.WsDaemon.TakeSnapshotRequest { Id = "ws-tamper" })).Url;

        using var http = new HttpClient();
        var tag = url[(url.LastIndexOf(':') + 1)..];
        var request = new HttpRequestMessage(HttpMethod.Get, $"{registry.Url}/v2/{RegistryFixture.Repository}/manifests/{tag}");
        request.Headers.Accept.ParseAdd("application/vnd.oci.image.manifest.v1+json");
        var manifest = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        var digest = (string)manifest["layers"]![0]!["digest"]!;
        var hex = digest["sha256:".Length..];
        var blob = Path.Combine(registry.StorageRoot, "docker", "registry", "v2", "blobs", "sha256", hex[..2], hex, "data");
        // Same length, different bytes: only the digest check can notice.
        var bytes = await File.ReadAllBytesAsync(blob);
        bytes[bytes.Length / 3] ^= 0xff;
        await File.WriteAllBytesAsync(blob, bytes);
        return url;
    }
}
