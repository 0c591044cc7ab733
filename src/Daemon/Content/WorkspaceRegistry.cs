using System.Collections.Concurrent;

namespace Daemon.Content;

/// <summary>The workspaces this daemon knows, by id.</summary>
internal sealed class WorkspaceRegistry
{
    private readonly ConcurrentDictionary<string, Workspace> _workspaces = new(StringComparer.Ordinal);

    /// <summary>Adds a workspace; false when one with the id is already known.</summary>
    public bool TryAdd(Workspace workspace) => _workspaces.TryAdd(workspace.Id, workspace);

    /// <summary>The workspace with the id, or NotFound.</summary>
    public Workspace Get(string id) =>
        _workspaces.TryGetValue(id, out var workspace) ? workspace : throw ContentException.NotFound($"workspace '{id}' does not exist");

    /// <summary>True when a workspace with the id is known.</summary>
    public bool Contains(string id) => _workspaces.ContainsKey(id);

    /// <summary>Forgets exactly this workspace instance (not a newer one with the same id).</summary>
    public void Remove(Workspace workspace) => _workspaces.TryRemove(new KeyValuePair<string, Workspace>(workspace.Id, workspace));
}
