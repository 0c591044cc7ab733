using System.Buffers;

namespace Facade.Shared.Ipfs;

/// <summary>Computes the UnixFS CID of a whole stream (see <see cref="UnixFsCidBuilder"/>).</summary>
public static class UnixFsCidCalculator
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Reads <paramref name="content"/> to its end and returns its CID.</summary>
    public static async Task<Cid> ComputeAsync(Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var builder = new UnixFsCidBuilder();
        var buffer = ArrayPool<byte>.Shared.Rent(ReadSize);
        try
        {
            int read;
            while ((read = await content.ReadAsync(buffer.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                builder.Append(buffer.AsSpan(0, read));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        return builder.Complete();
    }

    /// <summary>The CID of bytes already in memory.</summary>
    public static Cid Compute(ReadOnlySpan<byte> content)
    {
        using var builder = new UnixFsCidBuilder();
        builder.Append(content);
        return builder.Complete();
    }
}
