namespace Amigo.Plugins.CatalogueSearch;

/// <summary>
/// Per-academy settings of the catalogue search, bound from <c>Amigo:Academies:{id}:Plugins:catalogue</c>.
/// </summary>
public sealed class CatalogueSearchSettings : IValidatableSettings
{
    /// <summary>Configuration key of the plugin (its id).</summary>
    public const string PluginId = "catalogue";

    /// <summary>Rows per page (the portal shows 20).</summary>
    [Range(1, 200)]
    public int PageSize { get; set; } = 20;

    /// <summary>Largest page size a caller may ask for with <c>pageSize</c>.</summary>
    [Range(1, 500)]
    public int MaxPageSize { get; set; } = 100;

    /// <summary>Highest page number accepted.</summary>
    [Range(1, 100_000)]
    public int MaxPage { get; set; } = 1000;

    /// <summary>Longest query accepted, in characters; longer ones get a 400 (a search box needs far less than 1 KB).</summary>
    [Range(16, 4096)]
    public int MaxQueryLength { get; set; } = 256;

    /// <summary>Words of a query taken into account; the rest are ignored (a pasted sentence still searches).</summary>
    [Range(1, 64)]
    public int MaxQueryTerms { get; set; } = 12;

    /// <summary>Synonym rules, one per entry: <c>mail, courriel, messagerie</c> (equivalent) or <c>ordi, pc =&gt; poste de travail</c> (one way).</summary>
    public List<string> Synonyms { get; set; } = [];

    /// <summary>Whether the built-in French helpdesk synonyms (<see cref="DefaultSynonyms"/>) apply before <see cref="Synonyms"/>.</summary>
    public bool UseDefaultSynonyms { get; set; } = true;

    /// <summary>Extra stop words for this academy (added to the French list).</summary>
    public List<string> ExtraStopWords { get; set; } = [];

    /// <summary>iTop statuses of services and subcategories that are offered; null means <c>production</c> only. Rows with no status are always offered.</summary>
    public List<string>? VisibleStatuses { get; set; }

    /// <summary>Whether HTTP callers must name the user's organization (<c>org</c>); the CLI may always search the whole catalogue.</summary>
    public bool RequireOrganization { get; set; } = true;

    /// <summary>Whether an organization also gets the offers of its parent organizations (an establishment under its academy).</summary>
    public bool InheritParentOffers { get; set; } = true;

    /// <summary>How often a search checks the database for a changed catalogue (the check runs in the background).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Only tickets started within this many days count as usage; 0 counts all synced tickets.</summary>
    [Range(0, 36_500)]
    public int UsageWindowDays { get; set; }

    /// <summary>Rows scoring below this fraction of the best row are left out (0 keeps every match).</summary>
    [Range(0.0, 1.0)]
    public double MinRelativeScore { get; set; } = 0.1;

    /// <summary>
    /// iTop's portal key (<c>portal-priv-key</c> of iTop's <c>priv_db_properties</c>, 64 hex digits), with which the
    /// requester page signs the portal's <c>ar_token</c> that preselects the chosen service and subcategory. A secret:
    /// from the environment (<c>Amigo__Academies__{id}__Plugins__catalogue__PortalKey</c>), never a committed file.
    /// </summary>
    public string? PortalKey { get; set; }

    /// <summary>A file holding <see cref="PortalKey"/> (first line), e.g. a mounted secret; give one or the other.</summary>
    public string? PortalKeyFile { get; set; }

    /// <summary>iTop's <c>encryption_library</c> (<c>Sodium</c>, iTop's default, or <c>OpenSSL</c>): how the portal's tokens are sealed.</summary>
    public PortalEncryptionLibrary PortalEncryptionLibrary { get; set; } = PortalEncryptionLibrary.Sodium;

    /// <summary>
    /// The portal's way of opening the creation form: <c>Factory</c> (stock ITIL portal with request and incident
    /// management: <c>\Ticket::CreateFromServiceSubcategory</c> picks UserRequest or Incident) or <c>UserRequest</c>
    /// (portals whose services brick creates UserRequests directly).
    /// </summary>
    public PortalFormRoute PortalFormRoute { get; set; } = PortalFormRoute.Factory;

    /// <summary>The portal key from <see cref="PortalKey"/> or <see cref="PortalKeyFile"/>; null when neither is set or the file is unreadable.</summary>
    public string? ResolvePortalKey()
    {
        if (!string.IsNullOrWhiteSpace(PortalKey)) return PortalKey.Trim();
        if (string.IsNullOrWhiteSpace(PortalKeyFile)) return null;
        try
        {
            return File.ReadLines(PortalKeyFile).FirstOrDefault()?.Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The statuses offered.</summary>
    public IReadOnlySet<string> EffectiveVisibleStatuses =>
        new HashSet<string>(VisibleStatuses is { Count: > 0 } ? VisibleStatuses : ["production"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The synonym rules in force (built-in first when enabled).</summary>
    public IEnumerable<string> EffectiveSynonyms => UseDefaultSynonyms ? DefaultSynonyms.Rules.Concat(Synonyms) : Synonyms;

    /// <inheritdoc />
    public IEnumerable<string> Validate(AcademyContext academy) => Validate();

    /// <summary>Problems found, each naming the setting; empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        var context = new ValidationContext(this);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, context, results, validateAllProperties: true);
        problems.AddRange(results.Select(result => result.ErrorMessage ?? "invalid value"));
        if (PageSize > MaxPageSize)
        {
            problems.Add($"PageSize ({PageSize}) must not exceed MaxPageSize ({MaxPageSize}).");
        }
        if (RefreshInterval < TimeSpan.FromSeconds(1) || RefreshInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"RefreshInterval ({RefreshInterval}) must be between 00:00:01 and 1.00:00:00.");
        }
        foreach (var word in ExtraStopWords)
        {
            if (string.IsNullOrWhiteSpace(word) || word.Any(char.IsWhiteSpace))
            {
                problems.Add($"ExtraStopWords: '{word}' must be a single word.");
            }
        }
        if (VisibleStatuses is not null && VisibleStatuses.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("VisibleStatuses must not contain empty values.");
        }
        if (!string.IsNullOrWhiteSpace(PortalKey) && !string.IsNullOrWhiteSpace(PortalKeyFile))
        {
            problems.Add("PortalKey / PortalKeyFile: give at most one (PortalKey through the environment, never in a committed file).");
        }
        else if (!string.IsNullOrWhiteSpace(PortalKey) && !PortalTokenCipher.IsWellFormedKey(PortalKey))
        {
            problems.Add("PortalKey: must be iTop's portal-priv-key, 64 hexadecimal digits.");
        }
        else if (!string.IsNullOrWhiteSpace(PortalKeyFile) && !File.Exists(PortalKeyFile))
        {
            problems.Add($"PortalKeyFile: '{PortalKeyFile}' does not exist.");
        }
        problems.AddRange(SynonymRules.Validate(Synonyms, FrenchAnalyzer.Default));
        return problems;
    }
}
