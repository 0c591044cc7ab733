using System.Security.Cryptography;
using Daemon.Storage;
using Daemon.Tests.Content.Support;
using Facade.TestSupport;

namespace Daemon.Tests.Storage;

/// <summary>What every <see cref="IContentStorage"/> must do, run against each real backend.</summary>
public abstract class StorageContract : IDisposable
{
    private readonly TempDir _dir = new("daemon-storage-contract");

    /// <summary>The backend under test, or null with <see cref="SkipReason"/> set.</summary>
    private protected abstract IContentStorage? Storage { get; }

    /// <summary>A temp directory deleted with the test class.</summary>
    protected string ScratchDirectory => _dir.Path;

    /// <summary>Why the backend is unavailable.</summary>
    protected abstract string? SkipReason { get; }

    [SkippableFact]
    public async Task PutThenOpenReturnsTheSameBytes()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var (key, bytes, archive) = await NewArchiveAsync(300_000);

        var url = await Storage!.PutAsync(key, archive, default);

        Assert.True(Storage.TryGetKey(url, out var parsed));
        Assert.Equal(key, parsed);
        Assert.True(await Storage.ExistsAsync(key, default));
        await using var stream = await Storage.OpenReadAsync(key, default);
        Assert.NotNull(stream);
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(bytes, copy.ToArray());
    }

    [SkippableFact]
    public async Task PutReplacesAnEarlierArchive()
    {
        Skip.If(SkipReason is not null, SkipReason);
        var (key, _, first) = await NewArchiveAsync(1000);
        await Storage!.PutAsync(key, first, default);
        var second = await WriteAsync(RandomNumberGenerator.GetBytes(2000));

        await Storage.PutAsync(key, second, default);

        await using var stream = await Storage.OpenReadAsync(key, default);
        var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);
        Assert.Equal(File.ReadAllBytes(second.Path), copy.ToArray());
    }

    [SkippableFact]
    public async Task MissingKeyIsNullAndDoesNotExist()
    {
        Skip.If(SkipReason is not null, SkipReason);
        Assert.Null(await Storage!.OpenReadAsync("backup-never-written", default));
        Assert.False(await Storage.ExistsAsync("backup-never-written", default));
    }

    [SkippableFact]
    public async Task InvalidKeysAreRefusedBeforeAnyRequest()
    {
        Skip.If(SkipReason is not null, SkipReason);
        await Assert.ThrowsAsync<ArgumentException>(() => Storage!.OpenReadAsync("../escape", default));
        Assert.False(Storage!.TryGetKey("file:///etc/passwd", out _));
    }

    private async Task<(string Key, byte[] Bytes, ArchiveFile Archive)> NewArchiveAsync(int size)
    {
        var bytes = RandomNumberGenerator.GetBytes(size);
        return ($"snapshot-contract-{Guid.NewGuid():N}", bytes, await WriteAsync(bytes));
    }

    private async Task<ArchiveFile> WriteAsync(byte[] bytes)
    {
        var path = _dir.Combine(Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(path, bytes);
        return await ArchiveFile.DescribeAsync(path, default);
    }

    public void Dispose()
    {
        _dir.Dispose();
        GC.SuppressFinalize(this);
    }
}
