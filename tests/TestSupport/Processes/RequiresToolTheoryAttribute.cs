namespace Facade.TestSupport;

/// <summary>The <see cref="TheoryAttribute"/> twin of <see cref="RequiresToolFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresToolTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory unless every tool in <paramref name="tools"/> is present.</summary>
    public RequiresToolTheoryAttribute(params string[] tools)
    {
        Tools = tools;
        Skip = RequiredTool.SkipReason(tools);
    }

    /// <summary>The programs the theory needs.</summary>
    public IReadOnlyList<string> Tools { get; }
}
