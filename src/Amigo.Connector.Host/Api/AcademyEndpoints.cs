namespace Amigo.Connector.Host.Api;

/// <summary>Academies and their plugin switches.</summary>
internal static class AcademyEndpoints
{
    public static RouteGroupBuilder MapAcademyEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/academies", (HttpContext http, ConnectorSettings settings) =>
            settings.Academies.Where(a => http.GetApiKey()!.Allows(a.Id)).Select(Describe).ToList())
            .WithMetadata(new ApiAccess(RequiresKey: true, AcademyScoped: false))
            .WithSummary("The academies the key may see");

        var academy = api.MapGroup("/academies/{academy}").WithMetadata(new ApiAccess(RequiresKey: true, AcademyScoped: true));

        academy.MapGet("/", (IAcademyAccessor current, ConnectorSettings settings) => Describe(settings.Find(current.Current.Id)!))
            .WithSummary("One academy");

        academy.MapGet("/plugins", (IAcademyAccessor current, AcademyRegistry registry, CancellationToken cancellationToken) =>
            registry.GetPluginStatesAsync(current.Current.Id, cancellationToken))
            .WithSummary("Plugins and whether each is enabled for the academy (a database switch wins over the configuration)");

        academy.MapPost("/plugins/{pluginId}/enable", (string pluginId, HttpContext http, IAcademyAccessor current, PluginCatalog catalog, PluginSwitchStore switches, AcademyRegistry registry, CancellationToken cancellationToken) =>
            SwitchAsync(pluginId, true, http, current.Current, catalog, switches, registry, cancellationToken))
            .WithSummary("Enables a plugin for the academy (stored in the database; wins over the configuration)");

        academy.MapPost("/plugins/{pluginId}/disable", (string pluginId, HttpContext http, IAcademyAccessor current, PluginCatalog catalog, PluginSwitchStore switches, AcademyRegistry registry, CancellationToken cancellationToken) =>
            SwitchAsync(pluginId, false, http, current.Current, catalog, switches, registry, cancellationToken))
            .WithSummary("Disables a plugin for the academy (stored in the database; wins over the configuration)");

        return api;
    }

    private static async Task<IResult> SwitchAsync(string pluginId, bool enable, HttpContext http, AcademyContext academy, PluginCatalog catalog,
        PluginSwitchStore switches, AcademyRegistry registry, CancellationToken cancellationToken)
    {
        var plugin = catalog.Find(pluginId);
        if (plugin is null)
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"Unknown plugin '{pluginId}'");
        if (enable)
        {
            var problems = PluginSettingsValidator.Validate(plugin.Plugin, academy);
            if (problems.Count > 0)
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: $"The settings of '{plugin.Id}' for '{academy.Id}' are invalid",
                    detail: string.Join(Environment.NewLine, problems.Select(p => $"Amigo:Academies:{academy.Id}:Plugins:{plugin.Id}: {p}")));
        }
        await switches.SetAsync(academy.Id, plugin.Id, enable, $"api:{http.GetApiKey()!.Name}", cancellationToken);
        return Results.Ok((await registry.GetPluginStatesAsync(academy.Id, cancellationToken)).First(p => p.PluginId == plugin.Id));
    }

    private static AcademySummary Describe(AcademySettings academy) => new(
        academy.Id, academy.Context.DisplayName, academy.ITop.Url, academy.Context.TimeZone.Id, academy.Context.Lifecycle.Name,
        academy.Schedules.Select(s => new ScheduleSummary(s.Key, s.Value.Expression, s.Value.Enabled)).ToList());

    /// <summary>An academy as the API shows it (no credentials).</summary>
    public sealed record AcademySummary(string Id, string DisplayName, string ITopUrl, string TimeZone, string Lifecycle, IReadOnlyList<ScheduleSummary> Schedules);

    /// <summary>A job schedule.</summary>
    public sealed record ScheduleSummary(string Job, string Cron, bool Enabled);
}
