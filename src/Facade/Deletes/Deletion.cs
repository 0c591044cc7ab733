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

    /// <summary>
    /// The message replicas exchange, naming the sender, the message id, and the facade-made
    /// documents (rewritten, composed) the sender dropped: a receiver may hold copies of them it
    /// fetched from the shared state without knowing what they were made from.
    /// </summary>
    public string Format(string sender, string id, IEnumerable<Digest> dropped) =>
        string.Join('\t', sender, id, Kind, Authority, Repository, Reference, string.Join(',', dropped.Select(d => d.Value)));

    /// <summary>Reads a message written by <see cref="Format"/>; false for anything else.</summary>
    public static bool TryParse(string message, [NotNullWhen(true)] out Deletion? deletion, out string sender, out string id,
        out IReadOnlyList<Digest> dropped)
    {
        deletion = null;
        sender = id = "";
        dropped = [];
        var parts = message.Split('\t');
        if (parts.Length != 7 || !Enum.TryParse<DeletionKind>(parts[2], out var kind)
            || !RepositoryName.IsValid(parts[4]) || parts[3].Length == 0) return false;
        var valid = kind == DeletionKind.Tag ? RepositoryName.IsValidTag(parts[5]) : Shared.Oci.Digest.TryParse(parts[5], out _);
        var digests = new List<Digest>();
        foreach (var text in parts[6].Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Shared.Oci.Digest.TryParse(text, out var digest)) return false;
            digests.Add(digest);
        }
        if (!valid) return false;
        (sender, id, dropped) = (parts[0], parts[1], digests);
        deletion = new Deletion(kind, parts[3], parts[4], parts[5]);
        return true;
    }
}
