using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Facade.Tests.Ipfs;

namespace Facade.Tests.Deploy;

/// <summary>
/// What the Kubernetes manifests in <c>deploy/kubernetes</c> give the facade container: its
/// arguments and the settings file the ConfigMap mounts. Read from the files themselves, so a test
/// running the image follows the manifests when they change.
/// </summary>
internal static partial class DeployManifests
{
    private static string Kubernetes => Path.Combine(ScriptRunner.RepositoryRoot, "deploy", "kubernetes");

    /// <summary>The <c>args</c> of the DaemonSet's <c>facade</c> container.</summary>
    public static IReadOnlyList<string> FacadeArguments()
    {
        var yaml = File.ReadAllText(Path.Combine(Kubernetes, "facade-daemonset.yaml"));
        var container = FacadeContainer().Match(yaml);
        if (!container.Success) throw new InvalidOperationException("no facade container with args in facade-daemonset.yaml");
        return Quoted().Matches(container.Groups["args"].Value).Select(m => m.Groups[1].Value).ToArray();
    }

    /// <summary>The <c>appsettings.Production.json</c> of the facade's ConfigMap.</summary>
    public static JsonObject FacadeSettings()
    {
        var lines = File.ReadAllLines(Path.Combine(Kubernetes, "facade-configmap.yaml"));
        var start = Array.FindIndex(lines, l => l.Trim() == "appsettings.Production.json: |");
        if (start < 0) throw new InvalidOperationException("no appsettings.Production.json in facade-configmap.yaml");
        var indent = lines[start].Length - lines[start].TrimStart().Length;
        var block = lines.Skip(start + 1).TakeWhile(l => l.Trim().Length == 0 || l.Length - l.TrimStart().Length > indent);
        return JsonNode.Parse(string.Join('\n', block))!.AsObject();
    }

    [GeneratedRegex(@"- name: facade\s*\n\s*image: [^\n]*\n\s*args: \[(?<args>[^\]]*)\]")]
    private static partial Regex FacadeContainer();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex Quoted();
}
