using System.Collections.Concurrent;

namespace Facade.Manifests;

/// <summary>
/// Collapses concurrent calls with the same key into one execution. The work runs detached from
/// any caller's cancellation (one caller leaving does not fail the others); each caller stops
/// waiting on its own token.
/// </summary>
internal sealed class SingleFlight<T>
{
    private readonly ConcurrentDictionary<string, Lazy<Task<T>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="work"/> once per key at a time; <paramref name="joined"/> says whether this call joined.</summary>
    public Task<T> RunAsync(string key, Func<Task<T>> work, CancellationToken ct, out bool joined)
    {
        var mine = new Lazy<Task<T>>(() => RunAndForget(key, work), LazyThreadSafetyMode.ExecutionAndPublication);
        var lazy = _inFlight.GetOrAdd(key, mine);
        joined = !ReferenceEquals(lazy, mine);
        return lazy.Value.WaitAsync(ct);
    }

    private async Task<T> RunAndForget(string key, Func<Task<T>> work)
    {
        try
        {
            return await Task.Run(work).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.TryRemove(key, out _);
        }
    }
}
