namespace Amigo.Connector.Demo;

/// <summary>Everything one demo run did and printed, for the console and for the tests that check it against iTop.</summary>
public sealed class DemoReport
{
    /// <summary>Job runs in order.</summary>
    public List<DemoJobResult> Jobs { get; } = [];

    /// <summary>Catalogue searches.</summary>
    public List<DemoSearch> Searches { get; } = [];

    /// <summary>The <c>academies</c> report (overview) per academy, as the reporting plugin's HTTP API answered it.</summary>
    public Dictionary<string, JsonElement> Overview { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>backlog-age</c> report per academy: tickets in progress per age bucket (<c>&lt; 1 j</c>…), as of the demo's clock.</summary>
    public Dictionary<string, IReadOnlyList<KeyValuePair<string, long>>> BacklogAge { get; } = new(StringComparer.Ordinal);

    /// <summary>What changed in each academy's iTop.</summary>
    public Dictionary<string, ITopChanges> Changes { get; } = new(StringComparer.Ordinal);

    /// <summary>The base URL the HTTP API listens on.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The admin API key of the run.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The dashboard URL.</summary>
    public string? DashboardUrl { get; set; }

    /// <summary>HTTP status of the dashboard page fetched without a key, as a browser on this machine would.</summary>
    public int? DashboardStatus { get; set; }

    /// <summary>The runs of one step (job id and trigger order).</summary>
    public IEnumerable<DemoJobResult> Step(string step) => Jobs.Where(j => j.Step == step);

    /// <summary>Sum of a count over the runs of a step.</summary>
    public long Total(string step, string count) => Step(step).Sum(j => j.Counts.TryGetValue(count, out var value) ? value : 0);
}

/// <summary>One job run of the demo.</summary>
/// <param name="Step">Demo step (<c>sync</c>, <c>autoclose</c>, <c>reassign</c>, <c>sync-again</c>…).</param>
/// <param name="AcademyId">Academy.</param>
/// <param name="JobId">Job.</param>
/// <param name="Outcome">Run outcome (<c>succeeded</c>…).</param>
/// <param name="Counts">Counts reported by the job.</param>
/// <param name="Summary">Summary or error.</param>
public sealed record DemoJobResult(string Step, string AcademyId, string JobId, string Outcome, IReadOnlyDictionary<string, long> Counts, string Summary);

/// <summary>A catalogue search and its top rows.</summary>
/// <param name="AcademyId">Academy searched.</param>
/// <param name="Query">Query.</param>
/// <param name="Total">Rows found.</param>
/// <param name="Top">Top rows as « Service › Sous-catégorie ».</param>
public sealed record DemoSearch(string AcademyId, string Query, int Total, IReadOnlyList<string> Top);
