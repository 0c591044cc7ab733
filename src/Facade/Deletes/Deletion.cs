using System.Diagnostics.CodeAnalysis;
using Facade.Shared.Oci;

namespace Facade.Deletes;

/// <summary>
/// A deletion an upstream accepted: in repository <see cref="Repository"/> of the registry at
/// <see cref="Authority"/> (host:port, the same for every replica), the manifest, tag or blob
/// <see cref="Reference"/>. Travels between replicas as one tab-separated line.
/// </summary>
internal sealed record Deletion(DeletionKind Kind, string Authority, string Repository, string Reference)
{
    /// <summary>The digest deleted (manifests and blobs); null for a tag.</summary>
    public Digest? Digest => Kind != DeletionKind.Tag && Shared.Oci.Digest.TryParse(Reference, out var digest) ? digest : null;

    /// <summary><c>host/name</c>, as shared tag resolutions name the repository.</summary>
    public string SharedRepository => $"{Authority}/{Repository}";

    /// <summary>The message replicas exchange, naming the sender and the message id.</summary>
    public string Format(string sender, string id) => string.Join('\t', sender, id, Kind, Authority, Repository, Reference);

    /// <summary>Reads a message written by <see cref="Format"/>; false for anything else.</summary>
    public static bool TryParse(string message, [NotNullWhen(true)] out Deletion? deletion, out string sender, out string id)
    {
        deletion = null;
        sender = id = "";
        var parts = message.Split('\t');
        if (parts.Length != 6 || !Enum.TryParse<DeletionKind>(parts[2], out var kind)
            || !RepositoryName.IsValid(parts[4]) || parts[3].Length == 0) return false;
        var valid = kind == DeletionKind.Tag ? RepositoryName.IsValidTag(parts[5]) : Shared.Oci.Digest.TryParse(parts[5], out _);
        if (!valid) return false;
        (sender, id) = (parts[0], parts[1]);
        deletion = new Deletion(kind, parts[3], parts[4], parts[5]);
        return true;
    }
}
