namespace Facade.Shared.Composition;

/// <summary>
/// One <c>config.Env</c> entry while it is being edited. An entry that no modifier touched keeps
/// the position of its raw JSON string so it is copied byte for byte.
/// </summary>
/// <param name="Text">The unescaped <c>NAME=value</c> text.</param>
/// <param name="RawStart">Start of the raw JSON string (quotes included) in the source, or -1 when edited or new.</param>
/// <param name="RawLength">Length of the raw JSON string.</param>
internal readonly record struct EnvEntry(string Text, int RawStart, int RawLength)
{
    /// <summary>True when the entry's name is <paramref name="name"/>.</summary>
    public bool HasName(string name) =>
        Text.Length > name.Length
            ? Text[name.Length] == '=' && Text.StartsWith(name, StringComparison.Ordinal)
            : Text.Length == name.Length && Text == name;

    /// <summary>The value after the first <c>=</c>, or null for an entry without one.</summary>
    public string? Value
    {
        get
        {
            var equals = Text.IndexOf('=');
            return equals < 0 ? null : Text[(equals + 1)..];
        }
    }
}
