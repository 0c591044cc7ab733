using Daemon.Storage;
using Daemon.Storage.Oci;

namespace Daemon.Tests.Storage;

/// <summary>The storage contract against docker-registry.</summary>
public sealed class OciStorageContract(RegistryFixture registry) : StorageContract, IClassFixture<RegistryFixture>
{
    private protected override IContentStorage? Storage => registry.SkipReason is null ? new OciContentStorage(registry.Options) : null;

    protected override string? SkipReason => registry.SkipReason;
}
