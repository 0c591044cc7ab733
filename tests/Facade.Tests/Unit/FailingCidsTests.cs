using Facade.Blobs;
using Facade.Ipfs;
using Facade.Shared.Ipfs;
using Facade.Shared.Oci;
using Microsoft.Extensions.Options;

namespace Facade.Tests.Unit;

/// <summary>A failing CID is skipped for the configured while, and only that CID for that digest.</summary>
public sealed class FailingCidsTests
{
    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void A_failure_is_remembered_for_the_ttl_and_only_for_that_cid()
    {
        var clock = new ManualClock();
        var failing = new FailingCids(Options.Create(new IpfsOptions { FailedCidTtl = TimeSpan.FromMinutes(5) }), clock);
        var digest = Digest.Sha256Of("layer"u8);
        var bad = UnixFsCidCalculator.Compute("bad"u8);
        var other = UnixFsCidCalculator.Compute("other"u8);

        Assert.False(failing.IsFailing(digest, bad));
        failing.Remember(digest, bad);
        Assert.True(failing.IsFailing(digest, bad));
        Assert.False(failing.IsFailing(digest, other));
        Assert.False(failing.IsFailing(Digest.Sha256Of("another"u8), bad));

        clock.Now += TimeSpan.FromMinutes(4);
        Assert.True(failing.IsFailing(digest, bad));
        clock.Now += TimeSpan.FromMinutes(2);
        Assert.False(failing.IsFailing(digest, bad));
    }
}
