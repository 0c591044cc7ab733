namespace Facade.Deletes;

/// <summary>What a successful upstream DELETE removed.</summary>
internal enum DeletionKind
{
    /// <summary>A manifest, by digest (with every tag that pointed at it).</summary>
    Manifest,

    /// <summary>A tag; the manifest it named stays.</summary>
    Tag,

    /// <summary>A blob, by digest.</summary>
    Blob,
}
