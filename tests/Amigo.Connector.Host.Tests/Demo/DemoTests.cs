using System.Text.RegularExpressions;
using Amigo.Connector.Contracts.Establishments;
using Amigo.Connector.Host.Demo;
using Amigo.Connector.Simulation.Demo;
using Amigo.Connector.Testing.Postgres;
using Npgsql;
using Spectre.Console;

namespace Amigo.Connector.Host.Tests.Demo;

/// <summary>
/// Runs <c>amigo demo --no-serve</c>'s orchestration twice on one database and checks every printed summary against
/// the simulated iTops and the synced database.
/// </summary>
public sealed class DemoTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static readonly string DatabaseName = "amigo_demo_test_" + Environment.ProcessId;

    [Fact]
    public async Task Every_summary_is_true_and_a_second_run_starts_clean()
    {
        var (first, firstOutput, firstSimulations) = await RunAsync();
        using (firstSimulations)
        {
            Assert.All(first.Jobs, job => Assert.True(job.Outcome == "succeeded", $"{job.Step} {job.AcademyId}: {job.Outcome} {job.Summary}"));
            foreach (var (academy, simulation, seed) in firstSimulations.Academies)
            {
                var store = simulation.Store;
                string Status(long id) => store.GetField("UserRequest", id, "status")!;
                var changes = first.Changes[academy.Id];

                // Auto-close: what was printed is what iTop now shows.
                var closed = first.Step("autoclose").Single(j => j.AcademyId == academy.Id).Counts["closed"];
                var closedByConnector = seed.SeededStatuses.Where(s => s.Value == "resolved" && Status(s.Key) == "closed").Select(s => s.Key).ToList();
                Assert.Equal(closed, changes.Closings.Count);
                Assert.Equal(seed.DueForClosing.Order(), changes.Closings.Order());
                Assert.Equal(seed.DueForClosing.Order(), closedByConnector.Order());
                Assert.Matches(new Regex($@"autoclose\s+{academy.Id}\s+.*closed {closed}\b"), firstOutput);
                Assert.Matches(new Regex($@"{Regex.Escape(academy.DisplayName)}\s+{closed} closed automatically"), firstOutput);
                Assert.All(seed.RequesterReplied.Concat(seed.AgentReplied).Concat(seed.RecentlyResolved), id => Assert.Equal("resolved", Status(id)));

                // Reassignment: the moved tickets are in the other academy's platform team; the others did not move.
                var moved = first.Step("reassign").Single(j => j.AcademyId == academy.Id).Counts.GetValueOrDefault("moved");
                Assert.Equal(seed.Misrouted.Count, moved);
                Assert.Equal(seed.Misrouted.Order(), changes.Dispatches.Order());
                var platform = academy.Id == DemoAcademies.Toulouse.Id ? DemoAcademies.MplPlatform : DemoAcademies.TlsPlatform;
                Assert.All(seed.Misrouted, id => Assert.Equal(platform, store.GetField("UserRequest", id, "team_name")));
                Assert.All(seed.MisroutedWithAgent.Concat(seed.InvalidUai), id => Assert.Equal("HELPDESK", store.GetField("UserRequest", id, "team_name")));
                Assert.Matches(new Regex($@"reassign\s+{academy.Id}\s+{moved} moved"), firstOutput);

                // Transfers: closed here, created in Normandie.
                var transferred = first.Step("reassign").Single(j => j.AcademyId == academy.Id).Counts.GetValueOrDefault("transferred");
                Assert.Equal(seed.ToTransfer.Count, transferred);
                Assert.All(seed.ToTransfer, id => Assert.Equal("closed", Status(id)));
                Assert.Equal(seed.ToTransfer.Count, changes.TransferredAway.Count);

                // Every UAI of the data set is valid, except the tutorials' wrong check letter.
                Assert.All(seed.Organizations.Keys.Where(code => code != "0340024T"), code => Assert.True(UaiCode.IsValid(code), code));

                // The second sync copied iTop's final state: the database and the printed report agree with it.
                var iTopClosed = store.Ids("UserRequest").Count(id => Status(id) == "closed");
                var iTopResolved = store.Ids("UserRequest").Count(id => Status(id) == "resolved");
                Assert.Equal(iTopClosed, await CountAsync(academy.Id, "closed"));
                Assert.Equal(iTopResolved, await CountAsync(academy.Id, "resolved"));
                var overview = first.Overview[academy.Id];
                Assert.Equal(iTopClosed.ToString(), DemoRunner.Figure(overview, "closed_count"));
                Assert.Equal(iTopResolved.ToString(), DemoRunner.Figure(overview, "resolved_count"));
                Assert.Contains($"closed {iTopClosed} ", firstOutput);
            }
            var normandie = firstSimulations[DemoAcademies.Normandie.Id];
            Assert.Equal(normandie.Seed.TicketCount + firstSimulations[DemoAcademies.Toulouse.Id].Seed.ToTransfer.Count, normandie.Simulation.Store.Count("UserRequest"));
            Assert.Equal(2, first.Changes[DemoAcademies.Normandie.Id].Created);

            // The catalogue search printed the tutorials' rows.
            var webmail = first.Searches.Single(s => s.Query == "webmail");
            Assert.True(webmail.Top.Count >= 4 && webmail.Top.All(row => row.Contains("Webmail", StringComparison.OrdinalIgnoreCase)), string.Join(" | ", webmail.Top));
            Assert.Contains("Mot de passe oublié ou expiré", first.Searches.Single(s => s.Query == "mot de passe").Top[0]);
            Assert.Contains(first.DashboardUrl!, firstOutput);
            Assert.Equal(200, first.DashboardStatus);
            Assert.Contains("dashboard answers HTTP 200", firstOutput);
            Assert.Contains(first.ApiKey!, firstOutput);
        }

        // Re-running starts clean: the same data, the same decisions, the same figures.
        var (second, _, secondSimulations) = await RunAsync();
        using (secondSimulations)
        {
            Assert.Equal(first.Jobs.Count, second.Jobs.Count);
            foreach (var (a, b) in first.Jobs.Zip(second.Jobs).Where(p => p.First.JobId is "sync" or "autoclose" or "reassign"))
                Assert.Equal(a.Counts.OrderBy(c => c.Key), b.Counts.OrderBy(c => c.Key));
            foreach (var academy in first.Overview.Keys)
                Assert.Equal(first.Overview[academy].GetRawText(), second.Overview[academy].GetRawText());
            Assert.NotEqual(first.ApiKey, second.ApiKey);
        }
        await DropDatabaseAsync();
    }

    private async Task DropDatabaseAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{DatabaseName}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<(DemoReport Report, string Output, DemoSimulations Simulations)> RunAsync()
    {
        var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.No, Interactive = InteractionSupport.No });
        console.Profile.Width = 400;
        var simulations = DemoSimulations.Start();
        var options = new DemoOptions { Database = postgres.ConnectionString, DatabaseName = DatabaseName, Serve = false, Port = 0, PluginsPath = HostPluginsFolder() };
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var report = await new DemoRunner(options, console).RunAsync(simulations, timeout.Token);
        return (report, output.ToString(), simulations);
    }

    private async Task<long> CountAsync(string academy, string status)
    {
        var connection = new NpgsqlConnectionStringBuilder(postgres.ConnectionString) { Database = DatabaseName }.ConnectionString;
        await using var dataSource = NpgsqlDataSource.Create(connection);
        await using var command = dataSource.CreateCommand("SELECT count(*) FROM tickets WHERE academy_id = $1 AND status = $2 AND deleted_at IS NULL");
        command.Parameters.Add(new NpgsqlParameter { Value = academy });
        command.Parameters.Add(new NpgsqlParameter { Value = status });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>The host project's build output holds the plugins (copied by its build); the test output does not.</summary>
    private static string HostPluginsFolder()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var folder = Path.Combine(testOutput.Parent!.Parent!.FullName, "Amigo.Connector.Host", testOutput.Name, "plugins");
        Assert.True(Directory.Exists(folder), $"The host's plugins folder {folder} does not exist: build src/Amigo.Connector.Host first.");
        return folder;
    }
}
