namespace Amigo.Connector.Host.Cli;

/// <summary><c>amigo academies list</c>.</summary>
internal sealed class AcademiesCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var list = new Command("list", "List the configured academies");
        list.SetAction(parse =>
        {
            var settings = context.Services.GetRequiredService<ConnectorSettings>();
            var rows = settings.Academies.Select(a => new
            {
                a.Id, a.Context.DisplayName, ITopUrl = a.ITop.Url, AuthMode = a.ITop.AuthMode.ToString(), TimeZone = a.Context.TimeZone.Id,
                Lifecycle = a.Context.Lifecycle.Name, PluginsInConfiguration = a.PluginsEnabledInConfiguration.Order().ToList(),
                Schedules = a.Schedules.ToDictionary(s => s.Key, s => s.Value.Enabled ? s.Value.Expression : $"{s.Value.Expression} (off)"),
            }).ToList();
            if (parse.GetValue(context.Json))
            {
                context.WriteJson(rows);
                return ExitCodes.Success;
            }
            // Schedules are in `amigo jobs list` (and in --json here): the table stays readable in a terminal.
            var table = new Table().AddColumns("Id", "Name", "iTop", "Time zone", "Lifecycle", "Plugins (configuration)");
            foreach (var row in rows)
                table.AddRow(Markup.Escape(row.Id), Markup.Escape(row.DisplayName), Markup.Escape(row.ITopUrl), row.TimeZone, Markup.Escape(row.Lifecycle),
                    Markup.Escape(string.Join(", ", row.PluginsInConfiguration)));
            context.Console.Write(table);
            return ExitCodes.Success;
        });
        var academies = new Command("academies", "The academies this host serves");
        academies.Subcommands.Add(list);
        return academies;
    }
}
