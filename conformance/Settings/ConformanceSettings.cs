namespace Conformance.Settings;

/// <summary>
/// Everything the suite needs to know about the registry under test, read once from the
/// environment with the variable names of the official distribution-spec conformance suite.
/// </summary>
internal sealed record ConformanceSettings
{
    /// <summary>Base URL of the registry, e.g. <c>http://127.0.0.1:5000</c>.</summary>
    public required Uri RootUrl { get; init; }

    /// <summary>Repository the workflows push to and pull from.</summary>
    public required string Namespace { get; init; }

    /// <summary>Second repository used as the target of cross-repository mounts; null skips those checks.</summary>
    public string? CrossmountNamespace { get; init; }

    /// <summary>Run the pull workflow.</summary>
    public bool TestPull { get; init; }

    /// <summary>Run the push workflow (and allow setup steps of other workflows to push).</summary>
    public bool TestPush { get; init; }

    /// <summary>Run the content discovery workflow (tags list, referrers).</summary>
    public bool TestContentDiscovery { get; init; }

    /// <summary>Run the content management workflow (deletes).</summary>
    public bool TestContentManagement { get; init; }

    /// <summary>User name for Basic auth and for token requests; null means anonymous.</summary>
    public string? Username { get; init; }

    /// <summary>Password matching <see cref="Username"/>.</summary>
    public string? Password { get; init; }

    /// <summary>Directory the JUnit XML report is written to.</summary>
    public required string ReportDir { get; init; }

    /// <summary>Log every request and response (without credentials) to stderr.</summary>
    public bool Debug { get; init; }

    /// <summary>Pre-existing content for the pull workflow: a tag, its manifest digest and a blob digest.</summary>
    public PreexistingContent? Preexisting { get; init; }

    /// <summary>
    /// Reads the settings from <paramref name="env"/>. Throws <see cref="SettingsException"/> with a
    /// message naming the variable when a value is missing or malformed.
    /// </summary>
    public static ConformanceSettings FromEnvironment(Func<string, string?> env)
    {
        var reader = new EnvironmentReader(env);
        var root = reader.RequiredUrl("OCI_ROOT_URL");
        var ns = reader.RequiredRepository("OCI_NAMESPACE");
        var crossmount = reader.OptionalRepository("OCI_CROSSMOUNT_NAMESPACE");
        if (crossmount == ns)
        {
            throw new SettingsException("OCI_CROSSMOUNT_NAMESPACE must differ from OCI_NAMESPACE");
        }

        return new ConformanceSettings
        {
            RootUrl = root,
            Namespace = ns,
            CrossmountNamespace = crossmount,
            TestPull = reader.Flag("OCI_TEST_PULL"),
            TestPush = reader.Flag("OCI_TEST_PUSH"),
            TestContentDiscovery = reader.Flag("OCI_TEST_CONTENT_DISCOVERY"),
            TestContentManagement = reader.Flag("OCI_TEST_CONTENT_MANAGEMENT"),
            Username = reader.Optional("OCI_USERNAME"),
            Password = reader.Optional("OCI_PASSWORD"),
            ReportDir = reader.Optional("OCI_REPORT_DIR") ?? "conformance-results",
            Debug = reader.Flag("OCI_DEBUG"),
            Preexisting = reader.Preexisting(),
        };
    }
}
