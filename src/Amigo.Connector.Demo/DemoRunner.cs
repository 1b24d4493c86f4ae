namespace Amigo.Connector.Demo;

/// <summary>Settings of one demo run (the <c>amigo demo</c> options).</summary>
public sealed record DemoOptions
{
    /// <summary>Loopback port of the HTTP API; 0 picks a free one.</summary>
    public int Port { get; init; } = 5080;

    /// <summary>PostgreSQL connection string (the server; the demo database is created on it); null: <c>AMIGO_PG</c> or the private cluster.</summary>
    public string? Database { get; init; }

    /// <summary>Name of the database (re)created for the demo.</summary>
    public string DatabaseName { get; init; } = DemoDatabase.DefaultName;

    /// <summary>Whether to keep serving the HTTP API until Ctrl-C after the steps.</summary>
    public bool Serve { get; init; } = true;

    /// <summary>Addresses to listen on instead of <c>http://127.0.0.1:{Port}</c> (e.g. <c>http://0.0.0.0:8080</c> in a container).</summary>
    public string? Urls { get; init; }

    /// <summary>Plugins folder; null: the host's default (<c>plugins/</c> beside the program).</summary>
    public string? PluginsPath { get; init; }
}

/// <summary>
/// <c>amigo demo</c>: fresh database, three seeded iTop simulations, the real host with every plugin, then
/// sync → catalogue search → auto-close → reassignment → sync → reports, with a summary after each step.
/// </summary>
public sealed class DemoRunner(DemoOptions options, IAnsiConsole console)
{
    private static readonly string[] Queries = ["webmail", "mot de passe"];

    /// <summary>Runs the demo on three fresh simulations; returns its report once the steps are done (and, when serving, after Ctrl-C).</summary>
    public async Task<DemoReport> RunAsync(CancellationToken cancellationToken)
    {
        using var simulations = await Step("iTop simulations", () => Task.FromResult(DemoSimulations.Start()));
        return await RunAsync(simulations, cancellationToken);
    }

    /// <summary>Runs the demo on simulations the caller started with <see cref="DemoSimulations.Start"/> (and disposes).</summary>
    public async Task<DemoReport> RunAsync(DemoSimulations simulations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulations);
        var report = new DemoReport();
        var (server, source) = await Step("Database", async () =>
        {
            var found = await DemoDatabase.FindServerAsync(options.Database, cancellationToken);
            return (await DemoDatabase.RecreateAsync(found.ConnectionString, options.DatabaseName, cancellationToken), found.Source);
        });
        Line($"[green]✓[/] Database {Markup.Escape(options.DatabaseName)} created fresh (server from {Markup.Escape(source)}).");

        foreach (var (academy, simulation, seed) in simulations.Academies)
            Line($"[green]✓[/] iTop {Markup.Escape(academy.DisplayName)} simulated at {Markup.Escape(simulation.Url)}: {seed.Organizations.Count} organizations, " +
                 $"{seed.Teams.Count} teams, {simulation.Store.Count("Person")} persons, {simulation.Store.Count("ServiceSubcategory")} catalogue rows, {seed.TicketCount} requests.");

        report.ApiKey = DemoConfiguration.NewApiKey();
        await using var app = await Step("Connector host", async () =>
        {
            var built = ConnectorApplication.Build([], HostOptions(simulations, server, report.ApiKey));
            // The host migrates as it starts (MigrateOnStart: its first hosted service, before the plugins' ones).
            await built.StartAsync(cancellationToken);
            return built;
        });
        // A wildcard address (container) is reached through the loopback from here.
        report.BaseUrl = app.Urls.First().TrimEnd('/').Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://*:", "://127.0.0.1:", StringComparison.Ordinal);
        report.DashboardUrl = $"{report.BaseUrl}/api/academies/{simulations.Academies[0].Academy.Id}/reporting/dashboard";
        Line($"[green]✓[/] Connector host started (plugins: {Markup.Escape(string.Join(", ", PluginIds(app)))}; scheduler off).");

        using var http = new HttpClient { BaseAddress = new Uri(report.BaseUrl + "/") };
        http.DefaultRequestHeaders.Add("X-Api-Key", report.ApiKey);
        var academies = simulations.Academies.Select(a => a.Academy.Id).ToList();
        var runner = app.Services.GetRequiredService<JobRunner>();

        await RunJobs(runner, report, simulations, "sync", SyncJob.JobId, academies, cancellationToken);
        await RunJobs(runner, report, simulations, "catalogue index", "catalogue.reindex", academies, cancellationToken);
        await Step("Catalogue search", () => SearchAsync(http, report, academies[0], cancellationToken));
        await RunJobs(runner, report, simulations, "autoclose", "autoclose", academies, cancellationToken);
        await RunJobs(runner, report, simulations, "reassign", "reassign", academies, cancellationToken);
        await RunJobs(runner, report, simulations, "sync again", SyncJob.JobId, academies, cancellationToken);
        await RunJobs(runner, report, simulations, "reports refresh", "reporting.refresh", academies.Take(1).ToList(), cancellationToken,
            new Dictionary<string, string> { ["force"] = "true" });
        await Step("Reports", () => ReportsAsync(http, report, academies, cancellationToken));
        await Step("Dashboard", () => CheckDashboardAsync(report, cancellationToken));

        foreach (var academy in simulations.Academies) report.Changes[academy.Academy.Id] = ITopChanges.From(academy.Simulation);
        PrintChanges(report, simulations);

        Line("");
        Line($"[bold]HTTP API[/]   {Markup.Escape(report.BaseUrl)}  (header X-Api-Key: {Markup.Escape(report.ApiKey)})");
        Line($"[bold]Dashboard[/]  {Markup.Escape(report.DashboardUrl)}");
        foreach (var id in academies.Skip(1))
            Line($"           {Markup.Escape($"{report.BaseUrl}/api/academies/{id}/reporting/dashboard")}");
        Line("           (a browser on this machine needs no key for the dashboard: the demo adds it to loopback requests of the reporting pages;");
        Line($"           from elsewhere, e.g. through a container's published port, add the key: {Markup.Escape(report.DashboardUrl)}#key={Markup.Escape(report.ApiKey)})");
        if (options.Serve)
        {
            Line("Serving until Ctrl-C (scheduler off; the simulated iTops stay up).");
            await app.WaitForShutdownAsync(cancellationToken);
        }
        else
        {
            await app.StopAsync(CancellationToken.None);
        }
        return report;
    }

    private ConnectorHostOptions HostOptions(DemoSimulations simulations, string connectionString, string apiKey)
    {
        var host = new ConnectorHostOptions { TimeProvider = simulations.Clock, RunScheduler = false, HostName = "amigo-demo" };
        foreach (var (key, value) in DemoConfiguration.Build(simulations, connectionString, apiKey)) host.Configuration[key] = value;
        if (options.PluginsPath is not null) host.Configuration["Amigo:PluginsPath"] = options.PluginsPath;
        var port = options.Port;
        var urls = options.Urls ?? $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        host.ConfigureWebHost = web => web.UseUrls(urls)
            .ConfigureServices(services => services.AddSingleton<IStartupFilter>(new DemoDashboardAccess(apiKey)));
        host.ConfigureServices = services => services.AddLogging(logging => logging.ClearProviders()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(LogLevel.Warning));
        return host;
    }

    private static IEnumerable<string> PluginIds(WebApplication app) =>
        app.Services.GetRequiredService<Amigo.Connector.Host.Plugins.PluginCatalog>().Plugins.Select(p => p.Id);

    private async Task RunJobs(JobRunner runner, DemoReport report, DemoSimulations simulations, string step, string jobId, IReadOnlyList<string> academies,
        CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? arguments = null)
    {
        // Each step happens a few simulated minutes after the previous one, so iTop's last_update moves forward.
        simulations.Advance(TimeSpan.FromMinutes(5));
        foreach (var academy in academies)
        {
            var result = await Step($"{step} {academy}", async () =>
            {
                var request = new JobRequest(academy, jobId, "demo") { Arguments = arguments ?? new Dictionary<string, string>() };
                try
                {
                    return await runner.RunAsync(request, cancellationToken);
                }
                catch (JobNotAvailableException exception)
                {
                    return new JobRunResult(0, academy, jobId, "unavailable", new Dictionary<string, long>(), null, exception.Message, null);
                }
            });
            var summary = result.Summary ?? result.Error ?? "";
            report.Jobs.Add(new DemoJobResult(step, academy, jobId, result.Outcome, result.Counts, summary));
            var mark = result.Outcome == Amigo.Connector.Data.JobRunOutcomes.Succeeded ? "[green]✓[/]" : "[red]✗[/]";
            Line($"{mark} {Markup.Escape(step),-15} {Markup.Escape(academy),-12} {Markup.Escape(Shorten(summary))}");
            var failures = result.Counts.Where(c => c.Key.StartsWith("failed.", StringComparison.Ordinal) && c.Value > 0).ToList();
            if (failures.Count > 0) Line($"  [yellow]failures:[/] {Markup.Escape(string.Join(", ", failures.Select(f => $"{f.Key}={f.Value}")))}");
        }
    }

    private async Task<bool> SearchAsync(HttpClient http, DemoReport report, string academy, CancellationToken cancellationToken)
    {
        foreach (var query in Queries)
        {
            var url = $"api/academies/{academy}/catalogue/search?q={Uri.EscapeDataString(query)}&pageSize=5";
            using var answer = await http.GetAsync(url, cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                Line($"[red]✗[/] catalogue search \"{Markup.Escape(query)}\" ({academy}): HTTP {(int)answer.StatusCode} {Markup.Escape(Shorten(await answer.Content.ReadAsStringAsync(cancellationToken)))}");
                continue;
            }
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var top = json.GetProperty("items").EnumerateArray().Take(4)
                .Select(i => $"{i.GetProperty("service").GetString()} › {i.GetProperty("subcategory").GetString()}").ToList();
            var search = new DemoSearch(academy, query, json.GetProperty("total").GetInt32(), top);
            report.Searches.Add(search);
            Line($"[green]✓[/] catalogue search \"{Markup.Escape(query)}\" ({academy}): {search.Total} rows; top: {Markup.Escape(string.Join(" | ", top))}");
        }
        return true;
    }

    private async Task<bool> ReportsAsync(HttpClient http, DemoReport report, IReadOnlyList<string> academies, CancellationToken cancellationToken)
    {
        foreach (var academy in academies)
        {
            using var answer = await http.GetAsync($"api/academies/{academy}/reporting/reports/academies", cancellationToken);
            if (!answer.IsSuccessStatusCode)
            {
                Line($"[red]✗[/] report academies ({academy}): HTTP {(int)answer.StatusCode} {Markup.Escape(Shorten(await answer.Content.ReadAsStringAsync(cancellationToken)))}");
                continue;
            }
            var json = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
            var row = json.GetProperty("rows").EnumerateArray().FirstOrDefault(r => r.GetProperty("academy_id").GetString() == academy);
            if (row.ValueKind != JsonValueKind.Object)
            {
                Line($"[yellow]![/] report academies ({academy}): no row");
                continue;
            }
            report.Overview[academy] = row.Clone();
            Line($"[green]✓[/] report {academy,-12} open {Figure(row, "open_count")}, waiting {Figure(row, "waiting_count")}, resolved {Figure(row, "resolved_count")}, " +
                 $"closed {Figure(row, "closed_count")} (by the connector: {Figure(row, "closed_auto_in_period")})");
            await BacklogAgeAsync(http, report, academy, cancellationToken);
        }
        return true;
    }

    private async Task BacklogAgeAsync(HttpClient http, DemoReport report, string academy, CancellationToken cancellationToken)
    {
        using var answer = await http.GetAsync($"api/academies/{academy}/reporting/reports/backlog-age", cancellationToken);
        if (!answer.IsSuccessStatusCode)
        {
            Line($"[red]✗[/] report backlog-age ({academy}): HTTP {(int)answer.StatusCode}");
            return;
        }
        var json = await answer.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        var buckets = json.GetProperty("rows").EnumerateArray()
            .Where(r => r.GetProperty("academy_id").GetString() == academy)
            .Select(r => new KeyValuePair<string, long>(r.GetProperty("age_bucket").GetString()!, long.Parse(Figure(r, "tickets"), CultureInfo.InvariantCulture)))
            .ToList();
        report.BacklogAge[academy] = buckets;
        Line($"[green]✓[/] backlog age {academy,-12} {Markup.Escape(string.Join(", ", buckets.Select(b => $"{b.Key}: {b.Value}")))}");
    }

    private async Task<bool> CheckDashboardAsync(DemoReport report, CancellationToken cancellationToken)
    {
        // As a browser would: no API key.
        using var browser = new HttpClient();
        using var page = await browser.GetAsync(report.DashboardUrl, cancellationToken);
        var html = await page.Content.ReadAsStringAsync(cancellationToken);
        report.DashboardStatus = (int)page.StatusCode;
        Line(page.IsSuccessStatusCode
            ? $"[green]✓[/] dashboard answers HTTP {report.DashboardStatus} ({html.Length} characters of HTML)"
            : $"[red]✗[/] dashboard answers HTTP {report.DashboardStatus}");
        return page.IsSuccessStatusCode;
    }

    /// <summary>A figure of a report row as text (numbers may come as JSON numbers or strings).</summary>
    internal static string Figure(JsonElement row, string column) =>
        row.TryGetProperty(column, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : value.GetRawText() : "?";

    private void PrintChanges(DemoReport report, DemoSimulations simulations)
    {
        Line("");
        Line("[bold]What changed in iTop[/] (from each simulated iTop's request log):");
        foreach (var academy in simulations.Academies)
        {
            var c = report.Changes[academy.Academy.Id];
            Line($"  {Markup.Escape(academy.Academy.DisplayName),-24} {c.Closings.Count} closed automatically, {c.Dispatches.Count} dispatched to another team, " +
                 $"{c.TransferredAway.Count} transferred away (closed here), {c.Created} received by transfer, {c.JournalEntries} journal entries " +
                 $"({c.Writes} writes, {c.Reads} reads)");
        }
    }

    private async Task<T> Step<T>(string title, Func<Task<T>> action)
    {
        if (!console.Profile.Capabilities.Interactive) return await action();
        T result = default!;
        await console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(title) + "…", async _ => result = await action());
        return result;
    }

    private void Line(string markup) => console.MarkupLine(markup);

    private static string Shorten(string text) => text.Length <= 160 ? text.ReplaceLineEndings(" ") : text[..157].ReplaceLineEndings(" ") + "...";
}
