namespace Daemon.Content;

/// <summary>Where a workspace's content came from, as written into <c>.gitpod/ready</c>.</summary>
internal static class ContentSource
{
    /// <summary>Restored from the workspace's own backup.</summary>
    public const string FromBackup = "from-backup";

    /// <summary>Restored from a prebuild snapshot.</summary>
    public const string FromPrebuild = "from-prebuild";

    /// <summary>Produced by any other initializer.</summary>
    public const string FromOther = "from-other";
}
