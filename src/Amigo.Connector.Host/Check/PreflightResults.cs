namespace Amigo.Connector.Host.Check;

/// <summary>The latest preflight of each academy, as <c>serve</c> ran it at start (read by <c>/health/ready</c>).</summary>
public sealed class PreflightResults
{
    private readonly ConcurrentDictionary<string, AcademyCheckResult> _results = new(StringComparer.Ordinal);

    /// <summary>Whether every academy has been checked once.</summary>
    public bool Complete { get; private set; }

    /// <summary>The results by academy id (academies still being checked are absent).</summary>
    public IReadOnlyDictionary<string, AcademyCheckResult> ByAcademy => _results;

    internal void Set(AcademyCheckResult result) => _results[result.Academy] = result;

    internal void MarkComplete() => Complete = true;
}
