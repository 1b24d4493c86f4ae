namespace Amigo.Connector.Host.Configuration;

/// <summary>The configuration cannot work; <see cref="Problems"/> has one line per problem, each naming the academy and the setting.</summary>
public sealed class ConnectorConfigurationException(IReadOnlyList<string> problems)
    : Exception("The Amigo configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
{
    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
