namespace Amigo.Plugins.CatalogueSearch.Cli;

/// <summary>
/// <c>amigo catalogue search "…" --academy ID [--org …] [--page N] [--json]</c> and
/// <c>amigo catalogue reindex --academy ID [--json]</c>. Exit codes: 0 done, 2 refused input or unknown academy.
/// </summary>
public static class CatalogueCommands
{
    /// <summary>Exit code of a refused request.</summary>
    public const int InvalidInput = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Console output for people: keep "é" readable rather than \u00e9.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The <c>catalogue</c> command and its subcommands.</summary>
    public static Command Create(IServiceProvider services)
    {
        var command = new Command("catalogue", "Keyword search of the service catalogue.");
        command.Subcommands.Add(CreateSearch(services));
        command.Subcommands.Add(CreateReindex(services));
        return command;
    }

    private static Command CreateSearch(IServiceProvider services)
    {
        var query = new Argument<string>("query") { Description = "What the user would type, e.g. \"webmail\"." };
        var academy = AcademyOption();
        var org = new Option<string?>("--org") { Description = "The user's organization (iTop id or code/UAI); the whole catalogue when omitted." };
        var page = new Option<int>("--page") { Description = "Page number.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print JSON (as the HTTP endpoint)." };
        var command = new Command("search", "Search the catalogue like the portal's keyword box.") { query, academy, org, page, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var context = await FindAcademyAsync(services, parseResult.GetValue(academy)!, error, cancellationToken);
            if (context is null)
            {
                return InvalidInput;
            }
            var service = services.GetRequiredService<CatalogueSearchService>();
            var request = new CatalogueSearchRequest(
                parseResult.GetValue(query),
                parseResult.GetValue(page).ToString(System.Globalization.CultureInfo.InvariantCulture),
                null,
                parseResult.GetValue(org));
            var outcome = await service.SearchAsync(context, request, cancellationToken);
            if (outcome.Problem is { } problem)
            {
                await error.WriteLineAsync($"error: {problem.Message} ({problem.Code})");
                return InvalidInput;
            }
            var result = outcome.Result!;
            if (parseResult.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(result, Json));
                return 0;
            }
            await WriteTableAsync(output, result);
            return 0;
        });
        return command;
    }

    private static Command CreateReindex(IServiceProvider services)
    {
        var academy = AcademyOption();
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("reindex", "Bring the academy's catalogue index up to date now (incremental).") { academy, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var context = await FindAcademyAsync(services, parseResult.GetValue(academy)!, parseResult.InvocationConfiguration.Error, cancellationToken);
            if (context is null)
            {
                return InvalidInput;
            }
            var service = services.GetRequiredService<CatalogueSearchService>();
            var report = await service.Store.RefreshAsync(context.Id, service.ProfileOf(context), cancellationToken);
            await output.WriteLineAsync(parseResult.GetValue(json)
                ? JsonSerializer.Serialize(report, Json)
                : $"{context.Id}: {report.Entries} entries ({report.Reanalyzed} analysed, {report.Reused} reused, {report.Removed} removed), " +
                  $"scope reloaded: {(report.ScopeReloaded ? "yes" : "no")}, {report.Elapsed.TotalMilliseconds:0.0} ms");
            return 0;
        });
        return command;
    }

    private static Option<string> AcademyOption() => new("--academy") { Description = "Academy id, e.g. normandie.", Required = true };

    private static async Task<AcademyContext?> FindAcademyAsync(IServiceProvider services, string academyId, TextWriter error, CancellationToken cancellationToken)
    {
        var registry = services.GetRequiredService<IAcademyRegistry>();
        var academy = registry.Find(academyId.Trim().ToLowerInvariant());
        if (academy is null)
        {
            await error.WriteLineAsync($"error: unknown academy '{academyId}'. Known: {string.Join(", ", registry.All.Select(a => a.Id))}");
            return null;
        }
        if (!await registry.IsPluginEnabledAsync(academy.Id, CatalogueSearchSettings.PluginId, cancellationToken))
        {
            await error.WriteLineAsync($"error: the catalogue plugin is not enabled for academy '{academy.Id}'.");
            return null;
        }
        return academy;
    }

    private static async Task WriteTableAsync(TextWriter output, CatalogueSearchResult result)
    {
        var scope = result.OrganizationId is { } org ? $", organization {org}" : ", whole catalogue";
        await output.WriteLineAsync($"{result.Total} result(s) for \"{result.Query}\" (academy {result.Academy}{scope}), page {result.Page}/{Math.Max(1, result.TotalPages)}");
        foreach (var hit in result.Items)
        {
            await output.WriteLineAsync($"{hit.Rank,3}. {hit.Service} › {hit.Subcategory}");
            var path = string.Join(" › ", new[] { hit.Domain, hit.FamilyGroup, hit.Family }.Where(level => !string.IsNullOrEmpty(level)));
            await output.WriteLineAsync($"     {path}");
            await output.WriteLineAsync($"     service_id={hit.ServiceId} servicesubcategory_id={hit.ServiceSubcategoryId} request_type={hit.RequestType} usage={hit.Usage} score={hit.Score}");
        }
    }
}
