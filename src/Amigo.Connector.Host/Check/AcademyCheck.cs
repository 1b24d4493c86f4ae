namespace Amigo.Connector.Host.Check;

/// <summary>
/// The preflight of one academy (<c>amigo check</c>, and <c>serve</c> at start): iTop answers and the credentials work,
/// the sync's reads and attributes, each enabled plugin's writes, the lifecycle profile, iTop's time zone, the largest
/// sync window. Read-only: the probing writes match no object. Each academy is checked on its own client without
/// retries, so one academy's slow or absent iTop never holds up another's check.
/// </summary>
public sealed class AcademyCheck(ConnectorSettings settings, AcademyRegistry registry, IOptions<SyncOptions> sync, TimeProvider time,
    IEnumerable<IPluginPreflight> pluginPreflights, ITopClientFactory clients)
{
    /// <summary>What the preflight cannot prove without writing, printed under the lines.</summary>
    public static readonly IReadOnlyList<string> Notes =
    [
        "Stimuli (the profile's ev_* codes) cannot be proven read-only: iTop answers \"Invalid stimulus\" only by trying one on a real ticket, and a valid one is applied.",
        "REST checks modify rights for core/apply_stimulus, not the console's per-profile stimulus grants; write flags of a state (e.g. read-only journals of a closed ticket) are only checked when writing.",
    ];

    /// <summary>Checks one academy.</summary>
    public async Task<AcademyCheckResult> RunAsync(AcademySettings academy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(academy);
        var id = academy.Id;
        var configPath = $"Amigo:Academies:{id}";
        var lines = new List<CheckLine>();
        using var itop = clients.Create(academy.ITop with { MaxRetryAttempts = 0 });

        var credentials = await CredentialsProbe.RunAsync(id, itop, academy.ITop.User, academy.ITop.Url, configPath, cancellationToken);
        lines.Add(credentials);
        if (credentials.Outcome == CheckOutcome.Failed)
        {
            lines.Add(new CheckLine(id, "other checks", CheckOutcome.Skipped, "not run: iTop must answer the connector's account first"));
            return new AcademyCheckResult(id, academy.ITop.Url, lines, time.GetUtcNow());
        }

        lines.AddRange(await Guard(id, "sync reads", () => SyncReadsProbe.RunAsync(id, itop, academy.Context.FieldMap, configPath, cancellationToken)));
        foreach (var plugin in await EnabledPluginsAsync(academy, cancellationToken))
        {
            foreach (var need in PluginITopNeeds.Of(plugin))
                lines.AddRange(await Guard(id, $"{plugin}: {need.Operation} {need.ClassName}", async () => [await RightsProbe.RunAsync(id, plugin, need, itop, cancellationToken)]));
            foreach (var preflight in pluginPreflights.Where(p => p.PluginId == plugin))
                lines.AddRange(await PluginLinesAsync(id, preflight, academy.Context.WithITop(itop), cancellationToken));
        }

        lines.AddRange(await Guard(id, "lifecycle statuses", () => LifecycleProbe.RunAsync(id, itop, academy.Context.Lifecycle, configPath, cancellationToken)));
        lines.AddRange(await Guard(id, "iTop time zone", async () => [await ClockProbe.RunAsync(id, itop, time, configPath, cancellationToken)]));
        var options = sync.Value;
        var ticketFields = SyncFieldLists.For(academy.Context.FieldMap).Last().Fields;
        if (lines.All(l => !(l.Check.StartsWith("attributes of UserRequest", StringComparison.Ordinal) && l.Outcome == CheckOutcome.Failed)))
            lines.AddRange(await Guard(id, "largest sync window", async () =>
                [await WindowProbe.RunAsync(id, itop, ticketFields, options.IdWindow, options.MinIdWindow, academy.ITop.Timeout, cancellationToken)]));
        return new AcademyCheckResult(id, academy.ITop.Url, lines, time.GetUtcNow());
    }

    /// <summary>Checks several academies at once (each on its own, in parallel).</summary>
    public Task<AcademyCheckResult[]> RunAsync(IEnumerable<AcademySettings> academies, CancellationToken cancellationToken) =>
        Task.WhenAll(academies.Select(a => RunAsync(a, cancellationToken)));

    /// <summary>The settings of the academies to check.</summary>
    public ConnectorSettings Settings => settings;

    // The database switches win over the file; without a database the file says which plugins are on.
    private async Task<IReadOnlyList<string>> EnabledPluginsAsync(AcademySettings academy, CancellationToken cancellationToken)
    {
        try
        {
            return (await registry.GetPluginStatesAsync(academy.Id, cancellationToken)).Where(s => s.Enabled).Select(s => s.PluginId).ToList();
        }
        catch (NpgsqlException)
        {
            return academy.PluginsEnabledInConfiguration.Order(StringComparer.Ordinal).ToList();
        }
    }

    // A plugin's own probe: its lines as they are, and a failure of the probe itself as one ✗ line.
    private static async Task<IReadOnlyList<CheckLine>> PluginLinesAsync(string academy, IPluginPreflight preflight, AcademyContext context,
        CancellationToken cancellationToken)
    {
        try
        {
            return (await preflight.CheckAsync(context, cancellationToken))
                .Select(line => new CheckLine(academy, line.Check, line.Passed ? CheckOutcome.Passed : CheckOutcome.Failed, line.Detail, line.Fix)).ToList();
        }
        catch (Exception error) when (error is HttpRequestException or InvalidOperationException or ITopException or ITopTransportException)
        {
            return [new CheckLine(academy, $"{preflight.PluginId}: its own checks", CheckOutcome.Failed, error.Message, "see the plugin's doc")];
        }
    }

    // A probe that fails in an unexpected way (iTop down half-way, an answer the client cannot read) is one ✗ line.
    private static async Task<IReadOnlyList<CheckLine>> Guard(string academy, string check, Func<Task<IReadOnlyList<CheckLine>>> probe)
    {
        try
        {
            return await probe();
        }
        catch (Exception error) when (error is ITopException or ITopTransportException or ITopFormatException or ITopOutcomeUnknownException)
        {
            return [new CheckLine(academy, check, CheckOutcome.Failed, error.Message, "see iTop's answer above; run amigo check again once iTop answers")];
        }
    }
}
