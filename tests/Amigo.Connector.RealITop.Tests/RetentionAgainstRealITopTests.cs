namespace Amigo.Connector.RealITop.Tests;

/// <summary>
/// Retention against the real iTop, checked with SQL on iTop's database. The lab's own closed tickets (seeded and cloned)
/// were closed in the last weeks; this test creates its own tickets, backdated in SQL to ten years ago, and sets a
/// 60-month period: only its own tickets are past it, so it never deletes a ticket another test relies on (the test
/// checks that first, and removes whatever of its own is left at the end). Deleting needs the admin account.
/// </summary>
[Collection(RealITopCollection.Name)]
public sealed class RetentionAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int Months = 60;

    [RealITopFact]
    public async Task Dry_run_lists_exactly_the_tickets_past_the_period_then_the_live_run_anonymises_them_and_deletes_exactly_those_once()
    {
        var lab = RealITopLab.Current!;
        var admin = AdminClient(lab);
        var marker = "Rétention " + Guid.NewGuid().ToString("N")[..8];
        var nowLocal = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), RealITopLab.Zone).DateTime;
        var cutoffLocal = nowLocal.AddMonths(-Months);
        var old = new DateTime(nowLocal.Year - 10, 3, 2, 9, 30, 0);
        var mine = new List<long>();
        try
        {
            long[] past = [await CreateAsync(lab, admin, marker, mine, "closed", old), await CreateAsync(lab, admin, marker, mine, "closed", old.AddDays(7)),
                           await CreateAsync(lab, admin, marker, mine, "closed", old.AddDays(30))];
            var younger = await CreateAsync(lab, admin, marker, mine, "closed", cutoffLocal.AddDays(2));
            var resolved = await CreateAsync(lab, admin, marker, mine, "resolved", old);

            var expected = await PastThePeriodAsync(lab, cutoffLocal);
            Assert.True(expected.SequenceEqual(past.Order()),
                $"closed before {cutoffLocal:yyyy-MM-dd} in iTop: {string.Join(", ", expected)}; only this test's {string.Join(", ", past)} may be (reseed the lab)");

            await using var connector = await LabConnector.StartAsync(postgres, new Dictionary<string, string?>
            {
                ["ITop:User"] = admin.User, ["ITop:Password"] = admin.Password,
                ["Plugins:retention:Enabled"] = "true",
                ["Plugins:retention:RetentionMonths"] = Months.ToString(CultureInfo.InvariantCulture),
                ["Plugins:retention:DeleteInITop"] = "true",
                ["Plugins:retention:DeleteBatchSize"] = "2",
            });
            Assert.Equal("succeeded", (await connector.RunAsync("sync", arguments: new Dictionary<string, string> { ["full"] = "true" })).Outcome);
            var deletesBefore = await DeleteOperationsAsync(lab);

            var dry = await connector.RunAsync("retention", dryRun: true);
            Assert.True(dry.Outcome == "succeeded", $"{dry.Outcome}: {dry.Summary} {dry.Error}");
            Assert.Equal(expected, Ids(dry, "anonymise", "dry-run"));
            Assert.Equal(expected, Ids(dry, "delete", "dry-run", "past_retention"));
            Assert.Equal(mine.Count, await MineInITopAsync(lab, mine));

            var live = await connector.RunAsync("retention");

            Assert.True(live.Outcome == "succeeded", $"{live.Outcome}: {live.Summary} {live.Error}");
            Assert.Equal(expected, Ids(live, "anonymise", "done"));
            Assert.Equal(expected, Ids(live, "delete", "done"));
            foreach (var id in past) Assert.Equal(0, await lab.ScalarAsync<long>("SELECT COUNT(*) FROM ticket WHERE id = @id", ("@id", id)));
            Assert.Equal(2, await MineInITopAsync(lab, [younger, resolved]));
            Assert.Equal(deletesBefore + past.Length, await DeleteOperationsAsync(lab));
            foreach (var id in past)
            {
                var comment = await lab.ScalarAsync<string>("""
                    SELECT c.userinfo FROM priv_changeop o JOIN priv_change c ON c.id = o.changeid
                    WHERE o.objclass = 'Ticket' AND o.objkey = @id AND o.optype = 'CMDBChangeOpDelete'
                    """, ("@id", id));
                Assert.Contains($"suppression des demandes fermées depuis plus de {Months} mois", comment);
            }

            // The copy keeps them, anonymised, and reports still count them after the next full sync has seen them vanish.
            Assert.Equal("succeeded", (await connector.RunAsync("sync", arguments: new Dictionary<string, string> { ["full"] = "true", ["reconcile"] = "true" })).Outcome);
            var synced = await connector.SyncedTicketsAsync();
            foreach (var id in past) Assert.Equal<(string, long?, string)>(("(demande anonymisée)", null, "closed"), (synced[id].Title, synced[id].CallerId, synced[id].Status));
            Assert.Equal(marker, synced[younger].Title);
            var months = await connector.Client().GetFromJsonAsync<JsonElement>($"/api/academies/{LabConnector.Academy}/retention/months");
            Assert.Equal(past.Length, months.EnumerateArray().Sum(m => m.GetProperty("deletedInITop").GetInt64()));

            var again = await connector.RunAsync("retention");
            Assert.Equal(0, again.Counts.GetValueOrDefault("deleted_in_itop"));
            Assert.Equal(0, again.Counts.GetValueOrDefault("anonymised"));
            Assert.Equal(deletesBefore + past.Length, await DeleteOperationsAsync(lab));
        }
        finally
        {
            if (mine.Count > 0)
                await admin.Client.DeleteAsync("UserRequest", ITopKey.Query(Oql.Select("UserRequest").WhereIn("id", mine.Cast<object>()).Build()),
                    "nettoyage du test de rétention", simulate: false);
        }
    }

    private sealed record Admin(string User, string Password, ITopClient Client);

    private static Admin AdminClient(RealITopLab lab)
    {
        var user = Environment.GetEnvironmentVariable("AMIGO_ITOP_ADMIN_USER") ?? "admin";
        var password = Environment.GetEnvironmentVariable("AMIGO_ITOP_ADMIN_PASSWORD")
                       ?? throw new InvalidOperationException("AMIGO_ITOP_ADMIN_PASSWORD is not set: eval \"$(scripts/itop-lab.sh env)\"");
        return new Admin(user, password, new ITopClient(new ITopClientOptions
        {
            InstanceName = "lab-admin", Url = lab.Url, User = user, Password = password, TimeZone = RealITopLab.Zone,
        }));
    }

    // Created through REST like any request, then backdated in SQL (iTop dates what it writes itself).
    private static async Task<long> CreateAsync(RealITopLab lab, Admin admin, string marker, List<long> mine, string status, DateTime closedLocal)
    {
        var org = await lab.ScalarAsync<long>("SELECT org_id FROM ticket WHERE finalclass = 'UserRequest' AND caller_id > 0 ORDER BY id LIMIT 1");
        var caller = await lab.ScalarAsync<long>("SELECT caller_id FROM ticket WHERE finalclass = 'UserRequest' AND caller_id > 0 ORDER BY id LIMIT 1");
        var created = await admin.Client.CreateAsync(new ITopWrite("UserRequest", null,
            new ITopFields().Set("org_id", org).Set("caller_id", caller).Set("title", marker).Set("description", "Demande du test de rétention"),
            "test de rétention", ["id"]));
        mine.Add(created.Key);
        string Text(DateTime local) => local.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var closed = status == "closed";
        await lab.ExecuteAsync("UPDATE ticket SET start_date = @start, last_update = @at, close_date = @close, operational_status = @op WHERE id = @id",
            ("@start", Text(closedLocal.AddDays(-3))), ("@at", Text(closedLocal)), ("@close", closed ? Text(closedLocal) : DBNull.Value),
            ("@op", closed ? "closed" : "resolved"), ("@id", created.Key));
        await lab.ExecuteAsync("UPDATE ticket_request SET status = @status, resolution_date = @resolved WHERE id = @id",
            ("@status", status), ("@resolved", Text(closedLocal.AddDays(-1))), ("@id", created.Key));
        return created.Key;
    }

    private static async Task<List<long>> PastThePeriodAsync(RealITopLab lab, DateTime cutoffLocal)
    {
        var ids = new List<long>();
        await using var connection = new MySqlConnector.MySqlConnection(lab.Database);
        await connection.OpenAsync();
        await using var command = new MySqlConnector.MySqlCommand("""
            SELECT t.id FROM ticket t JOIN ticket_request r ON r.id = t.id
            WHERE t.finalclass = 'UserRequest' AND r.status = 'closed' AND t.close_date <= @cutoff ORDER BY t.id
            """, connection);
        command.Parameters.AddWithValue("@cutoff", cutoffLocal.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) ids.Add(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture));
        return ids;
    }

    private static Task<long> MineInITopAsync(RealITopLab lab, IReadOnlyList<long> ids) =>
        lab.ScalarAsync<long>($"SELECT COUNT(*) FROM ticket WHERE id IN ({string.Join(",", ids)})");

    // iTop records a deletion once, under the root class of the object (Ticket), with the call's comment as userinfo.
    private static Task<long> DeleteOperationsAsync(RealITopLab lab) =>
        lab.ScalarAsync<long>("SELECT COUNT(*) FROM priv_changeop WHERE objclass = 'Ticket' AND optype = 'CMDBChangeOpDelete'");

    // The run's per-ticket outcomes (the report lives in the plugin's assembly: read through JSON).
    private static List<long> Ids(Host.Jobs.JobRunResult run, string action, string outcome, string? reason = null)
    {
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(run.Details));
        return json.RootElement.GetProperty("Tickets").EnumerateArray()
            .Where(t => t.GetProperty("Action").GetString() == action && t.GetProperty("Outcome").GetString() == outcome
                        && (reason is null || t.GetProperty("Reason").GetString() == reason))
            .Select(t => t.GetProperty("ITopId").GetInt64()).Order().ToList();
    }
}
