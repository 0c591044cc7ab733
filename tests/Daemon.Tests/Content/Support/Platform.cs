using System.Runtime.Versioning;

// The daemon and its tests run on Linux only (file modes, owners, Unix sockets).
[assembly: SupportedOSPlatform("linux")]
