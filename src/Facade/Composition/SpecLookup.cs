using Facade.Protos.RegistryFacade;

namespace Facade.Composition;

/// <summary>The result of asking a spec provider for an id: a spec, or why there is none.</summary>
/// <param name="Status">What happened.</param>
/// <param name="Spec">The spec when <see cref="Status"/> is <see cref="SpecLookupStatus.Found"/>.</param>
/// <param name="Message">For failures: what went wrong, naming the provider (never credentials).</param>
public sealed record SpecLookup(SpecLookupStatus Status, ImageSpec? Spec, string? Message)
{
    /// <summary>A found spec.</summary>
    public static SpecLookup Found(ImageSpec spec) => new(SpecLookupStatus.Found, spec, null);

    /// <summary>An unknown id or provider.</summary>
    public static SpecLookup NotFound(string message) => new(SpecLookupStatus.NotFound, null, message);

    /// <summary>A provider that could not answer in time.</summary>
    public static SpecLookup Unavailable(string message) => new(SpecLookupStatus.Unavailable, null, message);

    /// <summary>A provider that answered with an unexpected error.</summary>
    public static SpecLookup Failed(string message) => new(SpecLookupStatus.Failed, null, message);
}
