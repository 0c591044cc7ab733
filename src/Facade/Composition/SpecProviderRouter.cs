namespace Facade.Composition;

/// <summary>
/// Routes a composed image name to its provider: <c>remote/&lt;id&gt;</c> to the gRPC providers,
/// <c>fixed/&lt;id&gt;</c> to the fixed file. Any other name, or a provider that is not
/// configured, is NotFound.
/// </summary>
public sealed class SpecProviderRouter
{
    private readonly ISpecProvider? _remote;
    private readonly ISpecProvider? _fixed;

    /// <summary>Creates the router; a null provider is one that is not configured.</summary>
    public SpecProviderRouter(ISpecProvider? remote, ISpecProvider? @fixed)
    {
        _remote = remote;
        _fixed = @fixed;
    }

    /// <summary>True when the repository name belongs to composition (<c>remote/...</c> or <c>fixed/...</c>).</summary>
    public static bool IsComposedName(string name) => TrySplit(name, out _, out _);

    /// <summary>Looks up the spec for a repository name such as <c>remote/abc</c>.</summary>
    public ValueTask<SpecLookup> GetSpecAsync(string name, CancellationToken cancellationToken)
    {
        if (!TrySplit(name, out var provider, out var id))
            return ValueTask.FromResult(SpecLookup.NotFound($"'{name}' is not a composed image name"));
        var target = provider == "remote" ? _remote : _fixed;
        return target is null
            ? ValueTask.FromResult(SpecLookup.NotFound($"spec provider '{provider}' is not configured"))
            : target.GetSpecAsync(id, cancellationToken);
    }

    private static bool TrySplit(string name, out string provider, out string id)
    {
        var slash = name.IndexOf('/');
        provider = slash < 0 ? "" : name[..slash];
        id = slash < 0 ? "" : name[(slash + 1)..];
        return provider is "remote" or "fixed" && id.Length > 0;
    }
}
