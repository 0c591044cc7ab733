namespace Facade.Composition;

/// <summary>The outcome of a spec lookup, which the HTTP layer maps to a status code.</summary>
public enum SpecLookupStatus
{
    /// <summary>The spec was found.</summary>
    Found,

    /// <summary>No provider knows the id, or the provider is unknown: 404 MANIFEST_UNKNOWN.</summary>
    NotFound,

    /// <summary>A provider could not be reached or timed out: 503.</summary>
    Unavailable,

    /// <summary>A provider answered with another error: 502.</summary>
    Failed,
}
