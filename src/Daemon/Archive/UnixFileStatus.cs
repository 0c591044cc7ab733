namespace Daemon.Archive;

/// <summary>What the archive needs to know about one path, read without following symlinks.</summary>
internal readonly record struct UnixFileStatus(int Uid, int Gid, UnixFileMode Mode, bool IsRegularFile, DateTimeOffset Modified);
