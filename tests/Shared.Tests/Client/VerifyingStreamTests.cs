using Facade.Shared.Client;
using Facade.Shared.Oci;

namespace Facade.Shared.Tests.Client;

public sealed class VerifyingStreamTests
{
    private static readonly byte[] Content = [1, 2, 3, 4, 5];

    [Fact]
    public async Task Zero_length_reads_do_not_end_the_stream()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Content), Digest.Sha256Of(Content), Content.Length);
        Assert.Equal(0, await stream.ReadAsync(Memory<byte>.Empty));
        Assert.Equal(0, stream.Read([], 0, 0));
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(Content, copy.ToArray());
    }

    [Fact]
    public async Task Wrong_content_fails_at_the_end()
    {
        await using var stream = new VerifyingStream(new MemoryStream(Content), Digest.Sha256Of([9]), Content.Length);
        await Assert.ThrowsAsync<InvalidDataException>(() => stream.CopyToAsync(Stream.Null));
    }
}
