namespace Facade.TestSupport;

/// <summary>
/// Runs <c>skopeo</c> against local registries (plain http, so TLS verification off) with an
/// insecure signature policy (test images are unsigned and no system policy is assumed).
/// </summary>
public static class Skopeo
{
    /// <summary>The program this helper runs.</summary>
    public const string Program = "skopeo";

    /// <summary>A <c>docker://</c> reference to an image on a local registry.</summary>
    public static string Docker(Uri registry, string repository, string tagOrDigest) =>
        $"docker://{registry.Authority}/{repository}{(tagOrDigest.Contains(':', StringComparison.Ordinal) ? "@" : ":")}{tagOrDigest}";

    /// <summary>
    /// <c>skopeo copy source destination</c> (e.g. to <c>dir:/path</c> or <c>oci:/path:tag</c>);
    /// <paramref name="sourceCredentials"/> is <c>user:password</c>.
    /// </summary>
    public static Task<ToolResult> CopyAsync(string source, string destination, string? sourceCredentials = null, params string[] extra)
    {
        var arguments = new List<string> { "--insecure-policy", "copy", "--src-tls-verify=false" };
        if (destination.StartsWith("docker://", StringComparison.Ordinal)) arguments.Add("--dest-tls-verify=false");
        if (sourceCredentials is not null) arguments.AddRange(["--src-creds", sourceCredentials]);
        arguments.AddRange(extra);
        arguments.AddRange([source, destination]);
        return Tool.RunAsync(RequiredTool.Require(Program), arguments, TimeSpan.FromMinutes(3));
    }

    /// <summary><c>skopeo inspect</c> of a reference; <paramref name="raw"/> prints the manifest as stored.</summary>
    public static Task<ToolResult> InspectAsync(string reference, bool raw = false, string? credentials = null)
    {
        var arguments = new List<string> { "--insecure-policy", "inspect", "--tls-verify=false" };
        if (raw) arguments.Add("--raw");
        if (credentials is not null) arguments.AddRange(["--creds", credentials]);
        arguments.Add(reference);
        return Tool.RunAsync(RequiredTool.Require(Program), arguments, TimeSpan.FromMinutes(1));
    }
}
