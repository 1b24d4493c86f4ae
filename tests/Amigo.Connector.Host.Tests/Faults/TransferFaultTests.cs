namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// A transfer to another academy against the real iTop of the lab, the process killed between the two writes (the copy
/// created in the target, the original not yet closed): one more run finishes it with exactly one copy, and a third run
/// writes nothing. The two academies are two organizations of the lab's one iTop (Toulouse's connector sending Normandie's
/// requests to the academy « Normandie », configured on the same iTop), as the transfer code cannot tell them apart from
/// two databases: it reads and writes each through its own academy's client.
/// </summary>
public sealed class TransferFaultTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string NormandieTeam = "Équipe support Académie de Normandie";

    /// <summary>CrossInstanceTransfer.AfterCreateFaultPoint (the host's tests see plugins only through the executable).</summary>
    private const string AfterCreate = "reassign.transfer.after-create";

    [RealITopFact]
    public async Task A_transfer_killed_between_the_two_itops_writes_happens_exactly_once()
    {
        var lab = RealITopLab.Current!;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var source = "tr-src-" + tag;
        var target = "tr-dst-" + tag;
        using var client = new ITopClient(new ITopClientOptions
        {
            InstanceName = "transfer-test", Url = lab.Url, User = lab.User, Password = lab.Password, TimeZone = RealITopLab.Zone,
        });
        const long normandie = 4; // Académie de Normandie in the lab (the recordings' id)
        var helpdesk = (await lab.TeamsAsync()).Single(team => team.Value == "HELPDESK").Key;
        var caller = await lab.ScalarAsync<long>("SELECT MIN(id) FROM contact WHERE finalclass = 'Person' AND org_id = @org AND email <> ''", ("@org", normandie));
        var title = $"Transfert {tag} : accès à l'ENT impossible";
        var created = await client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields()
            .Set("org_id", normandie).Set("caller_id", caller).Set("team_id", helpdesk).Set("title", title)
            .Set("description", "<p>Demande d'un établissement normand envoyée à Toulouse.</p>"), "Test de transfert : préparation", ["ref"]));
        var (id, reference) = (created.Key, created.GetString("ref")!);
        await InsertSyncedAsync(source, id, reference, title, helpdesk);
        var config = await WriteConfigAsync(source, target, lab);

        var killed = await AmigoProcess.RunAsync(config, AfterCreate, "jobs", "run", "reassign", "--academy", source);
        Assert.True(killed.Code == AmigoProcess.Killed, $"exit {killed.Code}: {killed.Output} {killed.Error}");
        Assert.Equal(2, await CopiesAsync(lab, tag)); // the copy exists, the original is still open
        Assert.NotEqual("closed", await StatusAsync(lab, id));

        var next = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", source, "--json");
        Assert.True(next.Code == 0, $"exit {next.Code}: {next.Output} {next.Error}");
        Assert.Equal(2, await CopiesAsync(lab, tag));
        Assert.Equal("closed", await StatusAsync(lab, id));
        var copy = await lab.ScalarAsync<long>("SELECT id FROM ticket WHERE title LIKE @tag AND id <> @id", ("@tag", $"%{tag}%"), ("@id", id));
        var team = await lab.ScalarAsync<long>("SELECT team_id FROM ticket WHERE id = @id", ("@id", copy));
        Assert.Equal(NormandieTeam, (await lab.TeamsAsync())[team]);
        Assert.Equal("done", await MoveStateAsync(source, id));

        var again = await AmigoProcess.RunAsync(config, null, "reassign", "--academy", source);
        Assert.True(again.Code == 0, $"exit {again.Code}: {again.Output} {again.Error}");
        Assert.Equal(2, await CopiesAsync(lab, tag));
        File.Delete(config);
    }

    private static Task<long> CopiesAsync(RealITopLab lab, string tag) =>
        lab.ScalarAsync<long>("SELECT COUNT(*) FROM ticket WHERE title LIKE @tag", ("@tag", $"%{tag}%"));

    private static Task<string> StatusAsync(RealITopLab lab, long id) =>
        lab.ScalarAsync<string>("SELECT status FROM ticket_request WHERE id = @id", ("@id", id));

    private async Task<string> MoveStateAsync(string academy, long id)
    {
        await using var command = postgres.DataSource.CreateCommand("SELECT state FROM reassign_moves WHERE academy_id = $1 AND itop_id = $2 ORDER BY id DESC LIMIT 1");
        command.Parameters.AddWithValue(academy);
        command.Parameters.AddWithValue(id);
        return (string)(await command.ExecuteScalarAsync())!;
    }

    private async Task InsertSyncedAsync(string academy, long id, string reference, string title, long team)
    {
        await using var command = postgres.DataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, org_id, org_name, team_id, team_name, start_date)
            VALUES ($1, $2, $3, $4, 'new', 'Open', 4, 'Académie de Normandie', $5, 'HELPDESK', $6)
            """);
        command.Parameters.AddWithValue(academy);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(reference);
        command.Parameters.AddWithValue(title);
        command.Parameters.AddWithValue(team);
        command.Parameters.AddWithValue(DateTimeOffset.UtcNow.AddMinutes(-5));
        await command.ExecuteNonQueryAsync();
    }

    private async Task<string> WriteConfigAsync(string source, string target, RealITopLab lab)
    {
        object Academy(string name, object plugins) => new
        {
            DisplayName = name,
            ITop = new { Url = lab.Url, User = lab.User, Password = lab.Password, TimeZone = RealITopLab.Zone.Id },
            Jobs = new { sync = new { Enabled = false } },
            Plugins = plugins,
        };
        var config = new
        {
            Amigo = new
            {
                Database = new { postgres.ConnectionString, MigrateOnStart = false },
                Scheduler = new { Enabled = false },
                Academies = new Dictionary<string, object>
                {
                    [source] = Academy("Académie de Toulouse", new
                    {
                        reassign = new
                        {
                            Enabled = true,
                            Rules = new[]
                            {
                                new { Name = "Demandes normandes", CallerOrganizations = new[] { "Académie de Normandie" }, TransferToAcademy = target, TargetTeam = NormandieTeam },
                            },
                        },
                    }),
                    [target] = Academy("Académie de Normandie", new { }),
                },
            },
        };
        var file = Path.Combine(Path.GetTempPath(), $"amigo-transfer-{source}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(config));
        await AmigoProcess.MigrateAsync(file);
        return file;
    }
}
