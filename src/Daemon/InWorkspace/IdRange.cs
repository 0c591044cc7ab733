namespace Daemon.InWorkspace;

/// <summary>A contiguous range of host uids or gids that workspaces may map to.</summary>
public sealed class IdRange
{
    /// <summary>The first id of the range.</summary>
    public uint Start { get; set; }

    /// <summary>How many ids the range holds.</summary>
    public uint Size { get; set; }

    /// <summary>True when [start, start+size) lies entirely inside this range.</summary>
    public bool Contains(ulong start, ulong size) => start >= Start && start + size <= (ulong)Start + Size;
}
