namespace Facade.Composition;

/// <summary>A source of image specs keyed by id.</summary>
public interface ISpecProvider
{
    /// <summary>Looks up the spec with this id. Never throws for a missing id or an unreachable backend: the result says so.</summary>
    ValueTask<SpecLookup> GetSpecAsync(string id, CancellationToken cancellationToken);
}
