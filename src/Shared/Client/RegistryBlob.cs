namespace Facade.Shared.Client;

/// <summary>
/// A blob body as the registry streams it: unverified bytes, the length the registry declared
/// (null when it sent none), and the response behind the stream, released on dispose. Whoever
/// reads it verifies it (<see cref="VerifyingStream"/>, or a fill that hashes while it writes).
/// </summary>
public sealed class RegistryBlob(Stream body, long? length, IDisposable owner) : IAsyncDisposable, IDisposable
{
    /// <summary>The body stream.</summary>
    public Stream Body { get; } = body;

    /// <summary>The declared length, when the registry sent one.</summary>
    public long? Length { get; } = length;

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Body.DisposeAsync().ConfigureAwait(false);
        owner.Dispose();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Body.Dispose();
        owner.Dispose();
    }
}
