using Facade.TestSupport;

namespace Facade.Tests.Infrastructure;

/// <summary>
/// A real tmpfs of a fixed size mounted on a fresh temp directory (needs root: tests that use it
/// are <c>[RequiresToolFact("mount", "umount", Root = true)]</c>); unmounted and removed on dispose.
/// </summary>
public sealed class TmpfsVolume : IAsyncDisposable
{
    private readonly TempDir _dir;

    private TmpfsVolume(TempDir dir) => _dir = dir;

    public string Path => _dir.Path;

    public string this[string relative] => _dir[relative];

    public static async Task<TmpfsVolume> MountAsync(string size)
    {
        var dir = new TempDir("ftmpfs");
        var mount = await Tool.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", dir.Path]);
        if (!mount.Succeeded)
        {
            dir.Dispose();
            throw new InvalidOperationException($"mounting a {size} tmpfs was refused (root with CAP_SYS_ADMIN is needed): {mount.StandardError}");
        }
        return new TmpfsVolume(dir);
    }

    public async ValueTask DisposeAsync()
    {
        await Tool.RunAsync("umount", ["-l", _dir.Path]);
        _dir.Dispose();
    }
}
