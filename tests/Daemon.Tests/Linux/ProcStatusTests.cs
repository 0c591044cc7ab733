using Daemon.Linux;

namespace Daemon.Tests.Linux;

/// <summary>Parsing /proc/&lt;pid&gt;/status and translating pids through NSpid.</summary>
public sealed class ProcStatusTests
{
    [Fact]
    public void ParsesParentAndNamespacePids()
    {
        var status = ProcStatus.Parse("Name:\tsleep\nState:\tS (sleeping)\nTgid:\t4321\nPid:\t4321\nPPid:\t4300\nNSpid:\t4321\t17\t1\n");

        Assert.NotNull(status);
        Assert.Equal(4300, status.ParentPid);
        Assert.Equal([4321, 17, 1], status.NamespacePids);
    }

    [Theory]
    [InlineData("Name:\tx\nPPid:\t1\n")]
    [InlineData("Name:\tx\nNSpid:\t5\n")]
    [InlineData("PPid:\t1\nNSpid:\t5\tabc\n")]
    [InlineData("PPid:\t1\nNSpid:\t5\t-2\n")]
    [InlineData("")]
    public void RefusesIncompleteOrMalformedStatus(string text) => Assert.Null(ProcStatus.Parse(text));

    [Fact]
    public void ReadsTheCurrentProcess()
    {
        var status = ProcStatus.Read(Environment.ProcessId);

        Assert.NotNull(status);
        Assert.Equal(Environment.ProcessId, status.NamespacePids[0]);
        Assert.Null(ProcStatus.Read(int.MaxValue));
    }

    [NamespacesFact]
    public void TranslatesWorkspacePidsOnlyWithinTheWorkspace()
    {
        using var workspace = WorkspaceProcess.Start();
        using var other = WorkspaceProcess.Start();
        var translator = new PidTranslator();

        Assert.Equal(workspace.RootPid, translator.ToHostPid(workspace.RootPid, 1));
        Assert.Equal(other.RootPid, translator.ToHostPid(other.RootPid, 1));
        Assert.Null(translator.ToHostPid(workspace.RootPid, other.RootPid));
        Assert.Null(translator.ToHostPid(workspace.RootPid, 2));
        Assert.Null(translator.ToHostPid(workspace.RootPid, 0));
        Assert.Null(translator.ToHostPid(int.MaxValue, 1));
    }
}
