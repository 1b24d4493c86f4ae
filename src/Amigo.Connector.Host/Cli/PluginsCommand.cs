namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo plugins list|enable|disable</c>. A switch made here is stored in the database and wins over the configuration file.</summary>
internal sealed class PluginsCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var plugins = new Command("plugins", "Plugins and their per-academy switches");

        var listAcademy = new Option<string?>("--academy") { Description = "Show the switches of one academy" };
        var list = new Command("list", "List plugins (and, per academy, whether each is enabled and why)") { listAcademy };
        list.SetAction(async (parse, cancellationToken) =>
        {
            var catalog = context.Services.GetRequiredService<PluginCatalog>();
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var registry = context.Services.GetRequiredService<AcademyRegistry>();
            var academyId = parse.GetValue(listAcademy);
            var academies = academyId is null ? settings.Academies : settings.Find(academyId) is { } one ? [one] : [];
            if (academies.Count == 0) return context.Fail(ExitCodes.NotFound, $"Unknown academy '{academyId}'.");
            var states = new Dictionary<string, IReadOnlyList<PluginState>>();
            try
            {
                foreach (var academy in academies) states[academy.Id] = await registry.GetPluginStatesAsync(academy.Id, cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
            if (parse.GetValue(context.Json))
            {
                context.WriteJson(new
                {
                    plugins = catalog.Plugins.Select(p => new { p.Id, p.Plugin.Description, p.Source, Jobs = p.Plugin.Jobs.Select(j => j.Name), EndpointAccess = p.Plugin.EndpointAccess.ToString() }),
                    failures = catalog.Failures,
                    academies = states,
                });
                return ExitCodes.Success;
            }
            var table = new Table().AddColumn("Plugin").AddColumn("Description");
            foreach (var academy in academies) table.AddColumn(academy.Id);
            foreach (var plugin in catalog.Plugins)
                table.AddRow([Markup.Escape(plugin.Id), Markup.Escape(plugin.Plugin.Description), .. academies.Select(a => Describe(states[a.Id].First(s => s.PluginId == plugin.Id)))]);
            context.Console.Write(table);
            foreach (var failure in catalog.Failures)
                context.Console.MarkupLineInterpolated($"[red]skipped[/] {failure.PluginId ?? failure.Source}: {failure.Stage} failed: {failure.Error}");
            return ExitCodes.Success;
        });
        plugins.Subcommands.Add(list);
        plugins.Subcommands.Add(Switch(context, enable: true));
        plugins.Subcommands.Add(Switch(context, enable: false));
        return plugins;
    }

    private static string Describe(PluginState state) =>
        (state.Enabled ? "[green]on[/]" : "[grey]off[/]") + (state.Source == "database" ? Markup.Escape($" (switched by {state.ChangedBy})") : "");

    private static Command Switch(CliContext context, bool enable)
    {
        var academyOption = new Option<string>("--academy") { Description = "Academy id", Required = true };
        var pluginArgument = new Argument<string>("plugin") { Description = "Plugin id" };
        var command = new Command(enable ? "enable" : "disable",
            $"{(enable ? "Enable" : "Disable")} a plugin for one academy (stored in the database; wins over the configuration file)")
        {
            academyOption, pluginArgument,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var catalog = context.Services.GetRequiredService<PluginCatalog>();
            var academy = settings.Find(parse.GetValue(academyOption)!);
            if (academy is null) return context.Fail(ExitCodes.NotFound, $"Unknown academy '{parse.GetValue(academyOption)}'.");
            var plugin = catalog.Find(parse.GetValue(pluginArgument)!);
            if (plugin is null)
                return context.Fail(ExitCodes.NotFound, $"Unknown plugin '{parse.GetValue(pluginArgument)}' (known: {string.Join(", ", catalog.Plugins.Select(p => p.Id))}).");
            if (enable && PluginSettingsValidator.Validate(plugin.Plugin, academy.Context) is { Count: > 0 } problems)
                return context.Fail(ExitCodes.InvalidConfiguration,
                    string.Join(Environment.NewLine, problems.Select(p => $"Academy '{academy.Id}': Amigo:Academies:{academy.Id}:Plugins:{plugin.Id}: {p}")));
            try
            {
                await context.Services.GetRequiredService<PluginSwitchStore>().SetAsync(academy.Id, plugin.Id, enable, $"cli:{Environment.UserName}", cancellationToken);
            }
            catch (NpgsqlException exception)
            {
                return context.Fail(ExitCodes.DatabaseUnavailable, $"The database cannot be reached: {exception.Message}");
            }
            if (parse.GetValue(context.Json)) context.WriteJson(new { academy = academy.Id, plugin = plugin.Id, enabled = enable, source = "database" });
            else context.Console.MarkupLineInterpolated($"Plugin {plugin.Id} {(enable ? "enabled" : "disabled")} for {academy.Id} (stored in the database; this wins over the configuration file).");
            return ExitCodes.Success;
        });
        return command;
    }
}
