namespace Facade.Blobs;

/// <summary>How much of a blob a request wants, which decides the sources that may answer it.</summary>
internal enum BlobRead
{
    /// <summary>Every byte (a GET, or a range starting at 0 without an end): only digest-verified paths.</summary>
    Whole,

    /// <summary>Part of the blob: a source that cannot verify the digest may answer when it vouches for the bytes otherwise.</summary>
    Range,

    /// <summary>Headers only (HEAD): the length, without fetching the bytes.</summary>
    Head,
}
