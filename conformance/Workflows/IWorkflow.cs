namespace Conformance.Workflows;

/// <summary>One of the four conformance workflow categories.</summary>
internal interface IWorkflow
{
    /// <summary>Name used as the check prefix and the JUnit suite name.</summary>
    string Name { get; }

    /// <summary>Environment variable that enables the workflow.</summary>
    string EnabledBy { get; }

    /// <summary>Whether the settings enable the workflow.</summary>
    bool Enabled { get; }

    /// <summary>Runs every check of the workflow through the runner.</summary>
    Task RunAsync();
}
