using Facade.Blobs;

namespace Facade.Hosting;

/// <summary>
/// Holds the host open after the server stopped until the fills in flight are done (or the
/// drain time is up): a fill whose readers all finished still commits its blob, so the next
/// start finds it cached instead of half-written temp files.
/// </summary>
internal sealed class FillDrainService(BlobFills fills, ShutdownDrain drain, TimeProvider time) : IHostedLifecycleService
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, drain.Aborting);
        try
        {
            while (!fills.IsIdle) await Task.Delay(Poll, time, both.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Drain time is up: what is still running is aborted by the same token.
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
