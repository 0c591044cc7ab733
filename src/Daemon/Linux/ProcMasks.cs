namespace Daemon.Linux;

/// <summary>The parts of a fresh proc or sysfs that a workspace must not read or change.</summary>
internal static class ProcMasks
{
    /// <summary>Files that leak host kernel state; /dev/null is bound over them.</summary>
    public static readonly string[] HiddenFiles =
    [
        "kcore", "keys", "timer_list", "timer_stats", "sched_debug", "latency_stats", "kallsyms", "kpageflags",
        "kpagecount", "kpagecgroup", "sysrq-trigger", "config.gz",
    ];

    /// <summary>Directories that leak host hardware state; an empty read-only tmpfs covers them.</summary>
    public static readonly string[] HiddenDirectories = ["acpi", "scsi", "asound"];

    /// <summary>Directories that stay readable but become read-only.</summary>
    public static readonly string[] ReadOnlyDirectories = ["sys", "irq", "bus", "fs"];

    /// <summary>sysfs directories covered by an empty read-only tmpfs.</summary>
    public static readonly string[] HiddenSysfsDirectories = ["firmware", "kernel/security"];
}
