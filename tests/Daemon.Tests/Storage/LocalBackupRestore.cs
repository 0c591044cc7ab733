using Daemon.Tests.Content.Support;

namespace Daemon.Tests.Storage;

/// <summary>Backup and restore through the local directory storage.</summary>
public sealed class LocalBackupRestore : BackupRestoreContract
{
    protected override Dictionary<string, string?> Settings => [];

    protected override string? SkipReason => null;

    private protected override Task<string?> StoreGarbageAsync(DaemonServer daemon)
    {
        Directory.CreateDirectory(daemon.LocalStorage);
        File.WriteAllBytes(Path.Combine(daemon.LocalStorage, "snapshot-garbage.tar"), Enumerable.Repeat((byte)0x5a, 4096).ToArray());
        return Task.FromResult<string?>("snapshot-garbage");
    }
}
