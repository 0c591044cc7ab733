using Facade.Shared.Errors;

namespace Facade.Blobs;

/// <summary>Fetched content whose digest or length did not match: never served as complete, never cached.</summary>
internal sealed class ContentMismatchException(OciError error) : Exception(error.Message)
{
    public OciError Error { get; } = error;
}
