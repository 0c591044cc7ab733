using Daemon.Storage;

namespace Daemon.Tests.Storage;

/// <summary>The storage contract against a local directory.</summary>
public sealed class LocalStorageContract : StorageContract
{
    private protected override IContentStorage Storage => new LocalContentStorage(Path.Combine(ScratchDirectory, "store"));

    protected override string? SkipReason => null;
}
