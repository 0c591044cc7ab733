namespace Facade.Shared.Composition;

/// <summary>Recognizes <c>GITPOD_ENV_SET_X</c>, <c>GITPOD_ENV_APPEND_X</c> and <c>GITPOD_ENV_PREPEND_X</c> entries.</summary>
internal static class EnvModifierParser
{
    private const string SetPrefix = "GITPOD_ENV_SET_";
    private const string AppendPrefix = "GITPOD_ENV_APPEND_";
    private const string PrependPrefix = "GITPOD_ENV_PREPEND_";

    /// <summary>
    /// The modifier an add-on Env entry stands for, or null for a plain variable (plain variables
    /// of add-on images are not copied) or a prefix without a variable name.
    /// </summary>
    public static EnvModifier? TryParse(string entry)
    {
        var equals = entry.IndexOf('=');
        var name = equals < 0 ? entry : entry[..equals];
        var value = equals < 0 ? "" : entry[(equals + 1)..];
        if (TryStrip(name, SetPrefix, out var target)) return new EnvModifier(EnvModifierKind.Set, target, value);
        if (TryStrip(name, AppendPrefix, out target)) return new EnvModifier(EnvModifierKind.Append, target, value);
        if (TryStrip(name, PrependPrefix, out target)) return new EnvModifier(EnvModifierKind.Prepend, target, value);
        return null;
    }

    private static bool TryStrip(string name, string prefix, out string target)
    {
        target = name.Length > prefix.Length && name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : "";
        return target.Length > 0;
    }
}
