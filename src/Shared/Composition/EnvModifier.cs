namespace Facade.Shared.Composition;

/// <summary>An edit of one variable of the composed config's <c>config.Env</c>.</summary>
/// <param name="Kind">How the value combines with the old one.</param>
/// <param name="Name">The variable name (the X in <c>GITPOD_ENV_SET_X</c>).</param>
/// <param name="Value">The value the modifier carries.</param>
public sealed record EnvModifier(EnvModifierKind Kind, string Name, string Value)
{
    /// <summary>The new value of the variable given its current value (null when unset).</summary>
    public string Apply(string? oldValue) => oldValue is null ? Value : Kind switch
    {
        EnvModifierKind.Set => Value,
        EnvModifierKind.Append => Value + oldValue,
        _ => oldValue + Value,
    };
}
