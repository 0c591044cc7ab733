using System.Collections.Frozen;
using Facade.Protos.RegistryFacade;
using Microsoft.Extensions.Logging;

namespace Facade.Composition;

/// <summary>
/// Serves specs from a JSON file (<c>Facade:Composition:FixedSpecFile</c>). The file's write time
/// and length are checked on each lookup, a cheap stat, so an edit is seen by the next request
/// without a watcher thread. A file that fails to parse keeps the last good specs and is logged once.
/// </summary>
internal sealed class FixedSpecProvider(string path, ILogger<FixedSpecProvider> logger) : ISpecProvider
{
    private readonly Lock _reloadLock = new();
    private volatile FrozenDictionary<string, ImageSpec> _specs = FrozenDictionary<string, ImageSpec>.Empty;
    private (DateTime WriteTime, long Length) _seen = (DateTime.MinValue, -1);

    public ValueTask<SpecLookup> GetSpecAsync(string id, CancellationToken cancellationToken)
    {
        ReloadIfChanged();
        return ValueTask.FromResult(_specs.TryGetValue(id, out var spec)
            ? SpecLookup.Found(spec)
            : SpecLookup.NotFound($"the fixed spec file has no spec '{id}'"));
    }

    /// <summary>Reloads the file when its write time or length changed since the last look.</summary>
    public void ReloadIfChanged()
    {
        var info = new FileInfo(path);
        var stamp = info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1L);
        if (stamp == _seen) return;
        lock (_reloadLock)
        {
            if (stamp == _seen) return;
            _seen = stamp;
            if (!info.Exists)
            {
                CompositionLog.FixedSpecsInvalid(logger, path, "the file does not exist");
                return;
            }
            try
            {
                _specs = FixedSpecFileParser.Parse(File.ReadAllBytes(path));
                CompositionLog.FixedSpecsLoaded(logger, _specs.Count, path);
            }
            catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException)
            {
                // A half-written file is retried on the next change of its stamp.
                CompositionLog.FixedSpecsInvalid(logger, path, e.Message);
            }
        }
    }
}
