namespace Amigo.Connector.Sync.Tests;

/// <summary>
/// Tickets are copied from the client's UTF-8 pages straight into the binary COPY: the <c>tickets</c> table must hold,
/// column by column, what the <see cref="ITopObject"/> rules (the getters and <c>ITopValues</c>, which the reference
/// tables still use) give for the same objects, edge values included.
/// </summary>
public sealed class TicketCopyTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const string Escaped = "Académie \"x\" \u00e9 / 日本 \\ \t\n😀";
    private const string AmbiguousAutumn = "2025-10-26 02:30:00"; // Europe/Paris: this hour happens twice
    private const string SpringGap = "2025-03-30 02:30:00"; // Europe/Paris: this hour never happens

    private static readonly string Megabyte = string.Concat(Enumerable.Repeat("é日a\"\\", 1_048_576 / 5 + 1))[..1_048_576];
    private static readonly AcademyFieldMap FieldMap = new() { EstablishmentUai = "uai", Beneficiary = "beneficiary" }; // VisibleBy unmapped

    private async Task<NpgsqlDataSource> FreshDatabaseAsync() => NpgsqlDataSource.Create(await postgres.CreateDatabaseAsync());

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Tickets_hold_what_the_object_rules_give_for_the_same_objects(bool otherJsonTypes)
    {
        using var scenario = new SyncScenario(tickets: 0, fieldMap: FieldMap);
        var ids = SeedEdgeTickets(scenario, count: 300);
        // The first tickets keep their strings, for the checks below that do not go through the oracle.
        var reshaped = ids.Skip(10).ToHashSet();
        var academy = otherJsonTypes
            ? scenario.CreateAcademy(new ReshapingITopClient(scenario.Academy.ITop, o => reshaped.Contains(o.Key) ? WithOtherJsonTypes(o) : o))
            : scenario.Academy;
        await using var db = await FreshDatabaseAsync();

        // Batches of 50 end inside the client's pages; the megabyte title crosses the COPY's chunks.
        var result = await scenario.Engine(db, batchSize: 50, idWindow: 1_000).SyncAsync(academy, new SyncRequest(Full: true));

        Assert.Equal(ids.Count, result["tickets.read"]);
        var columns = TicketColumns.For(FieldMap).Select(c => c.Name).ToList();
        var expected = new Dictionary<long, Dictionary<string, object?>>();
        await foreach (var ticket in academy.ITop.StreamAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Build()), TicketColumns.OutputFields(FieldMap))))
        {
            expected[ticket.Key] = Expected(ticket, academy);
        }

        Assert.Equal(columns.Order(), expected.First().Value.Keys.Order()); // every staged column is checked, and only those
        var actual = await ReadTicketsAsync(db, columns);
        Assert.Equal(expected.Keys.Order(), actual.Keys);
        foreach (var (id, row) in expected)
        {
            foreach (var column in columns)
            {
                var value = actual[id][column];
                Assert.True(Equals(row[column], value), $"{column} of ticket {id}: expected «{Show(row[column])}», stored «{Show(value)}»");
            }
        }

        // Said independently of the oracle: DST edges, iTop's empty key, the reference of a ticket without one, unmapped columns.
        Assert.Equal(new DateTime(2025, 10, 26, 0, 30, 0, DateTimeKind.Utc), actual[ids[1]]["start_date"]); // the earlier of the two instants
        Assert.Equal(new DateTime(2025, 3, 30, 1, 30, 0, DateTimeKind.Utc), actual[ids[2]]["start_date"]); // read as the hour after the gap
        Assert.Equal(new DateTime(9999, 12, 31, 22, 59, 59, DateTimeKind.Utc), actual[ids[4]]["start_date"]);
        Assert.Null(actual[ids[0]]["team_id"]);
        Assert.Equal("#" + ids[0].ToString(CultureInfo.InvariantCulture), actual[ids[0]]["ref"]);
        Assert.All(actual.Values, row => Assert.Null(row["visible_by"]));
        Assert.Equal(Megabyte, actual[ids[0]]["title"]);
        Assert.Equal(Escaped, actual[ids[5]]["title"]);
        Assert.Equal("Other", actual[ids[1]]["status_group"]); // status ""
    }

    [Theory]
    [InlineData("team_id", "abc", "Field 'team_id' of UserRequest::{0} is not an id: 'abc'.", false)]
    [InlineData("team_id", "-3", "Field 'team_id' of UserRequest::{0} is not an id: '-3'.", true)]
    [InlineData("close_date", "2025-13-45 10:00:00", "UserRequest::{0}.close_date is not an iTop date: '2025-13-45 10:00:00'.", false)]
    [InlineData("last_update", "hier", "UserRequest::{0}.last_update is not an iTop date: 'hier'.", true)]
    public async Task A_value_its_column_cannot_hold_fails_the_sync_naming_the_ticket_and_changes_nothing(string attribute, string value, string message, bool firstSync)
    {
        using var scenario = new SyncScenario(tickets: 20);
        await using var db = await FreshDatabaseAsync();
        var ids = scenario.Simulation.Store.Ids("UserRequest");
        if (!firstSync)
        {
            await scenario.SyncAsync(db);
            scenario.Simulation.Clock.Advance(TimeSpan.FromMinutes(10));
        }

        // A good change read before the bad ticket, in the same batch: it must not be committed either.
        scenario.Simulation.Store.SetFields("UserRequest", ids[0], new Dictionary<string, string> { ["title"] = "Changé" });
        scenario.Simulation.Store.SetFields("UserRequest", ids[5], new Dictionary<string, string> { [attribute] = value });
        var before = await SyncScenario.DumpAsync(db);

        var error = await Assert.ThrowsAsync<ITopFormatException>(() => scenario.SyncAsync(db));

        Assert.Equal(string.Format(CultureInfo.InvariantCulture, message, ids[5]), error.Message);
        Assert.Equal(await ObjectRuleErrorAsync(scenario, ids[5], attribute), error.Message);
        if (firstSync)
        {
            // The reference tables were mirrored before the tickets: of the tickets, nothing is stored, not even a watermark.
            await using var connection = await db.OpenConnectionAsync();
            await using var counts = new NpgsqlCommand("""
                SELECT (SELECT count(*) FROM tickets) + (SELECT count(*) FROM status_transitions)
                     + (SELECT count(*) FROM sync_watermarks WHERE itop_class = 'UserRequest')
                """, connection);
            Assert.Equal(0L, await counts.ExecuteScalarAsync());
        }
        else
        {
            Assert.Equal(before, await SyncScenario.DumpAsync(db));
            Assert.DoesNotContain("Changé", before, StringComparison.Ordinal);
        }
    }

    /// <summary>Today's column rules, from the ITopObject getters: the oracle the page encoding must match.</summary>
    private static Dictionary<string, object?> Expected(ITopObject o, AcademyContext academy)
    {
        var map = academy.FieldMap;
        var zone = academy.ITop.TimeZone;
        object? Date(string attribute) => o.GetLocalDateTime(attribute) is { } local ? zone.ToInstant(local).UtcDateTime : null;
        return new Dictionary<string, object?>
        {
            ["itop_id"] = o.Key,
            ["ref"] = o.Text("ref") ?? $"#{o.Key}",
            ["title"] = o.Required("title"),
            ["status"] = o.Required("status"),
            ["status_group"] = academy.Lifecycle.GroupOf(o.Text("status")).ToString(),
            ["request_type"] = o.Text("request_type"), ["priority"] = o.Text("priority"), ["urgency"] = o.Text("urgency"), ["impact"] = o.Text("impact"),
            ["origin"] = o.Text("origin"), ["org_id"] = o.Key("org_id"), ["org_name"] = o.Text("org_name"), ["caller_id"] = o.Key("caller_id"),
            ["caller_name"] = o.Text("caller_id_friendlyname"), ["team_id"] = o.Key("team_id"), ["team_name"] = o.Text("team_name"),
            ["agent_id"] = o.Key("agent_id"), ["agent_name"] = o.Text("agent_id_friendlyname"), ["service_id"] = o.Key("service_id"),
            ["service_name"] = o.Text("service_name"), ["servicesubcategory_id"] = o.Key("servicesubcategory_id"),
            ["servicesubcategory_name"] = o.Text("servicesubcategory_name"), ["establishment_uai"] = o.Text(map.EstablishmentUai),
            ["visible_by"] = o.Text(map.VisibleBy), ["beneficiary"] = o.Text(map.Beneficiary),
            ["start_date"] = Date("start_date"), ["assignment_date"] = Date("assignment_date"), ["resolution_date"] = Date("resolution_date"),
            ["close_date"] = Date("close_date"), ["last_update"] = Date("last_update"), ["last_update_local"] = o.Text("last_update"),
            ["operational_status"] = o.Text("operational_status"), ["pending_reason"] = o.Text("pending_reason"), ["last_pending_date"] = Date("last_pending_date"),
            ["resolution_code"] = o.Text("resolution_code"), ["user_satisfaction"] = o.Text("user_satisfaction"),
        };
    }

    /// <summary>Tickets cycling through edge values (ids in creation order); ticket 0 has the megabyte title.</summary>
    private static IReadOnlyList<long> SeedEdgeTickets(SyncScenario scenario, int count)
    {
        var store = scenario.Simulation.Store;
        store.AddAttribute("UserRequest", "beneficiary", "");
        var org = scenario.Organizations[1].ToString(CultureInfo.InvariantCulture);
        var person = scenario.Persons[0].ToString(CultureInfo.InvariantCulture);
        var team = scenario.TeamA.ToString(CultureInfo.InvariantCulture);
        string[] titles = ["", "0", "plain", "Demande", Escaped];
        string[] statuses = ["new", "", "resolved", "not_a_status", "pending", "assigned", "closed"];
        string[] keys = ["0", "", "00", team, "9223372036854775807", "007", person];
        string[] dates = ["", AmbiguousAutumn, SpringGap, "0001-01-02 00:00:00", "9999-12-31 23:59:59", "0000-00-00 00:00:00", "2025-05-01", "2026-01-15 09:00:00"];
        string[] texts = ["", "0", "texte", Escaped, "true"];
        var ids = new List<long>();
        for (var i = 0; i < count; i++) // references stay unique, as iTop keeps them
        {
            string Pick(string[] values, int shift = 0) => values[(i + shift) % values.Length];
            ids.Add(store.AddUserRequest(new ITopSimTicket
            {
                OrgId = scenario.Organizations[1],
                Extra = new Dictionary<string, string>
                {
                    ["ref"] = (i % 3) switch { 0 => "", 1 => $"R-{i:D6}", _ => $"Ré/日本 \"{i}\"" }, ["title"] = i == 0 ? Megabyte : i == 5 ? Escaped : Pick(titles), ["status"] = Pick(statuses),
                    ["org_id"] = i % 11 == 3 ? "" : org, ["caller_id"] = Pick(keys, 1), ["team_id"] = Pick(keys), ["agent_id"] = Pick(keys, 2),
                    ["service_id"] = Pick(keys, 3), ["servicesubcategory_id"] = Pick(keys, 4),
                    ["start_date"] = Pick(dates), ["assignment_date"] = Pick(dates, 1), ["resolution_date"] = Pick(dates, 2), ["close_date"] = Pick(dates, 3),
                    ["last_pending_date"] = Pick(dates, 4), ["last_update"] = Pick(dates, 5),
                    ["pending_reason"] = Pick(texts), ["urgency"] = Pick(texts, 1), ["impact"] = Pick(texts, 2), ["origin"] = Pick(texts, 3),
                    ["request_type"] = Pick(texts, 4), ["uai"] = Pick(["0311234B", "", Escaped]), ["beneficiary"] = Pick(["", "Jean \"Jo\" Dupont"]),
                },
            }));
        }

        return ids;
    }

    /// <summary>Gives fields the JSON types iTop's answers may hold besides strings: null, numbers, booleans, objects, arrays, or no field.</summary>
    private static ITopObject WithOtherJsonTypes(ITopObject source)
    {
        if (source.ClassName != "UserRequest")
        {
            return source;
        }

        var fields = source.Fields.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        switch (source.Key % 3)
        {
            case 0:
                fields["title"] = JValue.CreateNull();
                fields["status"] = JValue.CreateNull();
                fields["ref"] = JValue.CreateNull();
                fields["urgency"] = new JValue(3L);
                fields["team_id"] = new JValue(source.Key);
                fields["priority"] = new JValue(true);
                fields["origin"] = new JValue(false);
                fields["pending_reason"] = new JObject { ["a"] = new JArray(1, "é") };
                fields["impact"] = JValue.CreateNull();
                fields["close_date"] = JValue.CreateNull();
                fields.Remove("request_type");
                fields.Remove("start_date");
                break;
            case 1:
                fields["agent_id"] = new JValue(0L);
                fields["caller_id"] = JValue.CreateNull();
                fields["resolution_code"] = new JValue(1.5);
                fields["uai"] = new JArray("x", "y");
                fields["status"] = new JValue("resolved");
                fields.Remove("title");
                fields.Remove("last_update");
                break;
        }

        return new ITopObject(source.ClassName, source.Key, fields);
    }

    /// <summary>The error the ITopObject getter gives for the same value.</summary>
    private static async Task<string> ObjectRuleErrorAsync(SyncScenario scenario, long id, string attribute)
    {
        var request = new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Where("id", "=", id).Build()), [attribute]);
        var tickets = new List<ITopObject>();
        await foreach (var ticket in scenario.Simulation.CreateClient().StreamAsync(request))
        {
            tickets.Add(ticket);
        }

        var single = Assert.Single(tickets);
        var error = Assert.Throws<ITopFormatException>(() => attribute.EndsWith("_id", StringComparison.Ordinal) ? single.GetExternalKey(attribute) : (object?)single.GetLocalDateTime(attribute));
        return error.Message;
    }

    private static async Task<SortedDictionary<long, Dictionary<string, object?>>> ReadTicketsAsync(NpgsqlDataSource db, IReadOnlyList<string> columns)
    {
        var rows = new SortedDictionary<long, Dictionary<string, object?>>();
        await using var connection = await db.OpenConnectionAsync();
        await using var command = new NpgsqlCommand($"SELECT {string.Join(", ", columns)} FROM tickets WHERE academy_id = @a", connection);
        command.Parameters.AddWithValue("a", SyncScenario.AcademyId);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = columns.Select((c, i) => (c, reader.IsDBNull(i) ? null : reader.GetValue(i))).ToDictionary(p => p.c, p => p.Item2);
            rows[(long)row["itop_id"]!] = row;
        }

        return rows;
    }

    private static string Show(object? value) =>
        value is null ? "NULL" : Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 80 } text ? text[..80] + "…" : Convert.ToString(value, CultureInfo.InvariantCulture)!;
}
