namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>A configuration file for a child <c>amigo</c>: one academy on the given iTop, autoclose and reassign enabled.</summary>
internal static class ChildConfig
{
    public static async Task<string> WriteAsync(string connectionString, string academy, string itopUrl, string user, string password,
        string fromTeam = "HELPDESK", string toTeam = "DSI Plateforme Assistance TLS")
    {
        var file = Path.Combine(Path.GetTempPath(), $"amigo-fault-{academy}-{Guid.NewGuid():N}.json");
        var config = new Dictionary<string, object>
        {
            ["Amigo"] = new Dictionary<string, object>
            {
                ["Database"] = new { ConnectionString = connectionString, MigrateOnStart = false },
                ["Scheduler"] = new { Enabled = false },
                ["Academies"] = new Dictionary<string, object>
                {
                    [academy] = new
                    {
                        DisplayName = "Académie de Toulouse",
                        ITop = new { Url = itopUrl, User = user, Password = password },
                        Jobs = new { sync = new { Enabled = false } },
                        Plugins = new
                        {
                            autoclose = new { Enabled = true },
                            reassign = new
                            {
                                Enabled = true,
                                Rules = new[] { new { Name = "Vers la plateforme", TeamIn = new[] { fromTeam }, AgentAssigned = false, TargetTeam = toTeam } },
                            },
                        },
                    },
                },
            },
        };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(config));
        await AmigoProcess.MigrateAsync(file);
        return file;
    }
}
