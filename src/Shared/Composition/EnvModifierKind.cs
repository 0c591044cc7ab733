namespace Facade.Shared.Composition;

/// <summary>How an <see cref="EnvModifier"/> combines its value with the variable's old value.</summary>
public enum EnvModifierKind
{
    /// <summary><c>GITPOD_ENV_SET_X=v</c>: X becomes v.</summary>
    Set,

    /// <summary><c>GITPOD_ENV_APPEND_X=v</c>: X becomes v followed by the old value (the inverted name is kept for compatibility).</summary>
    Append,

    /// <summary><c>GITPOD_ENV_PREPEND_X=v</c>: X becomes the old value followed by v.</summary>
    Prepend,
}
