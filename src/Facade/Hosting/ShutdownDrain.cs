using Facade.Configuration;
using Microsoft.Extensions.Options;

namespace Facade.Hosting;

/// <summary>
/// The graceful shutdown's clock. On SIGTERM the host stops accepting connections and waits up
/// to <c>Facade:ShutdownTimeout</c> for in-flight responses; fills (upstream fetches shared by
/// readers) must keep running through that drain, so they are not tied to the stopping signal
/// but to <see cref="Aborting"/>, which fires only when the drain time is up.
/// </summary>
internal sealed class ShutdownDrain : IDisposable
{
    private readonly CancellationTokenSource _aborting;
    private readonly CancellationTokenRegistration _onStopping;
    private readonly CancellationTokenRegistration _onStopped;
    private readonly IHostApplicationLifetime _lifetime;

    public ShutdownDrain(IHostApplicationLifetime lifetime, IOptions<FacadeOptions> options, TimeProvider time)
    {
        _lifetime = lifetime;
        // Created on the TimeProvider, so CancelAfter runs on its clock.
        _aborting = new CancellationTokenSource(System.Threading.Timeout.InfiniteTimeSpan, time);
        Timeout = options.Value.ShutdownTimeout;
        _onStopping = lifetime.ApplicationStopping.Register(() => _aborting.CancelAfter(Timeout));
        _onStopped = lifetime.ApplicationStopped.Register(_aborting.Cancel);
    }

    /// <summary>How long the drain may take.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>True once shutdown began: readiness is false.</summary>
    public bool Stopping => _lifetime.ApplicationStopping.IsCancellationRequested;

    /// <summary>Cancelled when the drain time is up (or the host stopped): work still running is aborted.</summary>
    public CancellationToken Aborting => _aborting.Token;

    public void Dispose()
    {
        _onStopping.Dispose();
        _onStopped.Dispose();
        _aborting.Dispose();
    }
}
