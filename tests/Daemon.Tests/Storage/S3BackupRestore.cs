using Daemon.Storage;
using Daemon.Storage.S3;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>Backup and restore through s3rver.</summary>
public sealed class S3BackupRestore(S3rverFixture s3) : BackupRestoreContract, IClassFixture<S3rverFixture>
{
    protected override Dictionary<string, string?> Settings => s3.DaemonSettings;

    protected override string? SkipReason => s3.SkipReason;

    private protected override async Task<string?> StoreGarbageAsync(DaemonServer daemon)
    {
        using var temp = new TempDir("daemon-test");
        var path = temp.Combine("garbage.tar");
        await File.WriteAllBytesAsync(path, Enumerable.Repeat((byte)0x5a, 4096).ToArray());
        var storage = new S3ContentStorage(new HttpClient(), s3.Options);
        return await storage.PutAsync("snapshot-garbage", await ArchiveFile.DescribeAsync(path, default), default);
    }
}
