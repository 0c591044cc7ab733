namespace Facade.TestSupport;

/// <summary>
/// A <see cref="FactAttribute"/> that skips, with a printed reason, when a named program is not on
/// <c>PATH</c>: <c>[RequiresToolFact("docker-registry", "htpasswd")]</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolFactAttribute : FactAttribute
{
    /// <summary>Skips the test unless every tool in <paramref name="tools"/> is present.</summary>
    public RequiresToolFactAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = RequiredTool.SkipReason(tools);
    }

    /// <summary>The programs the test needs.</summary>
    public IReadOnlyList<string> Tools { get; }

    /// <summary>Also require root (for tests that mount).</summary>
    public bool Root
    {
        get => field;
        set
        {
            field = value;
            if (value) Skip ??= RequiredTool.RootSkipReason();
        }
    }
}
