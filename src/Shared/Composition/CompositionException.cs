namespace Facade.Shared.Composition;

/// <summary>
/// The inputs cannot be composed (invalid JSON, a base that is not an image manifest, a bad
/// <c>skip-n</c> label, ...). The message says what is wrong and is safe to show a client.
/// </summary>
public sealed class CompositionException : Exception
{
    /// <summary>Creates the exception with a message that names the problem.</summary>
    public CompositionException(string message) : base(message) { }

    /// <summary>Creates the exception wrapping the parser error that revealed the problem.</summary>
    public CompositionException(string message, Exception inner) : base(message, inner) { }
}
