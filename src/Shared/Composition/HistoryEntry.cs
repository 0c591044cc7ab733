namespace Facade.Shared.Composition;

/// <summary>
/// A config <c>history</c> entry for an appended layer. It never carries a <c>created</c> time:
/// a clock would make the composed digest change from one run to the next.
/// </summary>
/// <param name="CreatedBy">The command that created the layer, if known.</param>
/// <param name="Comment">A free-form note, typically the image the layer came from.</param>
public sealed record HistoryEntry(string? CreatedBy, string? Comment);
