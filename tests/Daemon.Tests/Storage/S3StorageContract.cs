using Daemon.Storage;
using Daemon.Storage.S3;

namespace Daemon.Tests.Storage;

/// <summary>The storage contract against s3rver.</summary>
public sealed class S3StorageContract(S3rverFixture s3) : StorageContract, IClassFixture<S3rverFixture>
{
    private protected override IContentStorage? Storage => s3.SkipReason is null ? new S3ContentStorage(s3.Options) : null;

    protected override string? SkipReason => s3.SkipReason;
}
