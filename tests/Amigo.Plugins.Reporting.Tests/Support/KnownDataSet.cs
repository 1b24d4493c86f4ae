namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>
/// A small synced data set whose report figures are known by hand (see the comments next to each ticket).
/// Active tickets are dated relative to <see cref="Now"/>; resolved and closed ones in March 2025 (Europe/Paris).
/// </summary>
public static class KnownDataSet
{
    public const string Toulouse = "toulouse";
    public const string Montpellier = "montpellier";
    public const long Helpdesk = 10, Pilotes = 11, PlateformeMpl = 20;

    /// <summary>March 2025, the period holding the finished tickets.</summary>
    public static readonly DateOnly MarchFrom = new(2025, 3, 1), MarchTo = new(2025, 4, 1);

    /// <summary>Hours to assignment / resolution of the tickets HELPDESK resolved in March 2025.</summary>
    public static readonly double[] HelpdeskAssignHours = [1, 3, 2, 5];
    public static readonly double[] HelpdeskResolveHours = [10, 20, 30, 40];

    /// <summary>
    /// The host's "now" for this data set: years from any day the suite runs, so a report reading the database's
    /// <c>now()</c> instead of the host's time gets other figures.
    /// </summary>
    public static DateTimeOffset Now { get; } = ClockSweep.Instant("2031-06-17 14:40");

    private sealed record Ticket(string Academy, long Id, string Status, string Group, long? TeamId, string? TeamName,
        long? AgentId, string? AgentName, string? Type, string? Uai, DateTimeOffset Start)
    {
        public string? OrgName { get; init; }
        public long? ServiceId { get; init; }
        public string? ServiceName { get; init; }
        public long? SubcategoryId { get; init; }
        public string? SubcategoryName { get; init; }
        public string? VisibleBy { get; init; }
        public string? Beneficiary { get; init; }
        public double? AssignAfterHours { get; init; }
        public double? ResolveAfterHours { get; init; }
        public DateTimeOffset? Closed { get; init; }
        public bool ClosedByConnector { get; init; }
        public bool Deleted { get; init; }
    }

    private static DateTimeOffset Paris(int month, int day, int hour) => new(2025, month, day, hour, 0, 0, TimeSpan.FromHours(1));

    private static IEnumerable<Ticket> Tickets()
    {
        // Toulouse, in progress: Open 4 (1, 3, 4, 5), Waiting 1 (2), Bénéficiaire 2 (1, 3), Partagés 2 (1, 4);
        // ages: < 1 j: 1; 1–7 j: 2; 7–30 j: 3; > 30 j: 4, 5.
        yield return new(Toulouse, 1, "assigned", "Open", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "incident", "0310094J", Now.AddHours(-2))
        {
            OrgName = "Lycée Pierre de Fermat, Toulouse", ServiceId = 200, ServiceName = "Poste de travail", SubcategoryId = 300,
            SubcategoryName = "Anglais", VisibleBy = "Établissement", Beneficiary = "Smith Paul",
        };
        yield return new(Toulouse, 2, "pending", "Waiting", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "service_request", "0310094J", Now.AddDays(-3))
        { OrgName = "Lycée Pierre de Fermat, Toulouse", ServiceId = 200, ServiceName = "Poste de travail", SubcategoryId = 301, SubcategoryName = "Batterie" };
        yield return new(Toulouse, 3, "new", "Open", Helpdesk, "HELPDESK", null, null, "incident", "0311240E", Now.AddDays(-10))
        { OrgName = "Collège \"Les Arènes\"", ServiceId = 200, ServiceName = "Poste de travail", SubcategoryId = 300, SubcategoryName = "Anglais", Beneficiary = "Durand Marie" };
        yield return new(Toulouse, 4, "assigned", "Open", Pilotes, "PILOTES", 101, "Martin Louis", "incident", "0311240E", Now.AddDays(-40))
        { OrgName = "Collège \"Les Arènes\"", ServiceId = 201, ServiceName = "Messagerie", SubcategoryId = 310, SubcategoryName = "Webmail", VisibleBy = "Établissement" };
        yield return new(Toulouse, 5, "escalated_ttr", "Open", Pilotes, "PILOTES", 101, "Martin Louis", "incident", null, Now.AddDays(-45))
        { ServiceId = 201, ServiceName = "Messagerie", SubcategoryId = 310, SubcategoryName = "Webmail" };

        // Toulouse, finished in March 2025. HELPDESK resolve hours 10, 20, 30, 40; assign hours 1, 3, 2, 5.
        // Weeks (Mon): 03-03 created 3 resolved 3 closed 1; 03-10 created 3 resolved 2 closed 1; 03-17 closed 1; 03-24 closed 1.
        yield return new(Toulouse, 6, "resolved", "Resolved", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "incident", "0310094J", Paris(3, 3, 8))
        { AssignAfterHours = 1, ResolveAfterHours = 10 };
        yield return new(Toulouse, 7, "closed", "Closed", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "incident", "0310094J", Paris(3, 4, 8))
        { AssignAfterHours = 3, ResolveAfterHours = 20, Closed = Paris(3, 12, 9), ClosedByConnector = true };            // automatic (flag)
        yield return new(Toulouse, 8, "closed", "Closed", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "service_request", "0310094J", Paris(3, 5, 8))
        { AssignAfterHours = 2, ResolveAfterHours = 30, Closed = Paris(3, 7, 10) };                                      // requester
        yield return new(Toulouse, 9, "closed", "Closed", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "incident", "0311240E", Paris(3, 10, 8))
        { AssignAfterHours = 5, ResolveAfterHours = 40, Closed = Paris(3, 25, 10) };                                     // automatic (audit row)
        yield return new(Toulouse, 10, "closed", "Closed", Pilotes, "PILOTES", 101, "Martin Louis", "incident", "0311240E", Paris(3, 11, 8))
        { AssignAfterHours = 4, ResolveAfterHours = 100, Closed = Paris(3, 20, 10) };                                    // requester
        yield return new(Toulouse, 11, "rejected", "Other", Helpdesk, "HELPDESK", null, null, "incident", null, Paris(3, 12, 8));
        // Deleted from iTop: counted nowhere.
        yield return new(Toulouse, 12, "assigned", "Open", Helpdesk, "HELPDESK", 100, "Diabaté Suzanne", "incident", "0310094J", Now.AddHours(-1))
        { Deleted = true };

        // Montpellier: one request in progress, one closed by the requester.
        yield return new(Montpellier, 1, "assigned", "Open", PlateformeMpl, "DSI Plateforme Assistance MPL", 200, "Dupont Léa", "incident", "0340024T", Now.AddHours(-5));
        yield return new(Montpellier, 2, "closed", "Closed", PlateformeMpl, "DSI Plateforme Assistance MPL", 200, "Dupont Léa", "incident", "0340024T", Paris(3, 3, 10))
        { AssignAfterHours = 1, ResolveAfterHours = 2, Closed = Paris(3, 4, 10) };
    }

    /// <summary>The data set's academies, every plugin enabled unless <paramref name="enabledPlugins"/> names the enabled ones.</summary>
    public static TestAcademyRegistry Registry(params string[] enabledPlugins) =>
        new(TestAcademy.Create(Toulouse, null, ReportingPlugin.PluginId), TestAcademy.Create(Montpellier, null, ReportingPlugin.PluginId))
        {
            EnabledPlugins = enabledPlugins.Length == 0 ? null : enabledPlugins.ToHashSet(),
        };

    public static async Task SeedAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await Execute(connection, """
            INSERT INTO academies (academy_id, display_name, itop_url, time_zone) VALUES
              ('toulouse', 'Académie de Toulouse', 'http://itop-tls', 'Europe/Paris'),
              ('montpellier', 'Académie de Montpellier', 'http://itop-mpl', 'Europe/Paris');
            """, cancellationToken);

        foreach (var t in Tickets())
        {
            await using var insert = new NpgsqlCommand("""
                INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, request_type, org_name, team_id, team_name,
                    agent_id, agent_name, service_id, service_name, servicesubcategory_id, servicesubcategory_name, establishment_uai,
                    visible_by, beneficiary, start_date, assignment_date, resolution_date, close_date, closed_by_connector, deleted_at)
                VALUES (@academy, @id, @ref, 'Demande', @status, @group, @type, @org, @team, @team_name, @agent, @agent_name,
                    @service, @service_name, @sub, @sub_name, @uai, @visible, @beneficiary, @start, @assigned, @resolved, @closed,
                    @by_connector, @deleted)
                """, connection);
            var p = insert.Parameters;
            p.AddWithValue("academy", t.Academy);
            p.AddWithValue("id", t.Id);
            p.AddWithValue("ref", $"R-{t.Id:000000}");
            p.AddWithValue("status", t.Status);
            p.AddWithValue("group", t.Group);
            p.Add(Text("type", t.Type)); p.Add(Text("org", t.OrgName)); p.Add(Big("team", t.TeamId)); p.Add(Text("team_name", t.TeamName));
            p.Add(Big("agent", t.AgentId)); p.Add(Text("agent_name", t.AgentName)); p.Add(Big("service", t.ServiceId));
            p.Add(Text("service_name", t.ServiceName)); p.Add(Big("sub", t.SubcategoryId)); p.Add(Text("sub_name", t.SubcategoryName));
            p.Add(Text("uai", t.Uai)); p.Add(Text("visible", t.VisibleBy)); p.Add(Text("beneficiary", t.Beneficiary));
            p.Add(Instant("start", t.Start));
            p.Add(Instant("assigned", t.AssignAfterHours is { } a ? t.Start.AddHours(a) : null));
            p.Add(Instant("resolved", t.ResolveAfterHours is { } r ? t.Start.AddHours(r) : null));
            p.Add(Instant("closed", t.Closed));
            p.AddWithValue("by_connector", t.ClosedByConnector);
            p.Add(Instant("deleted", t.Deleted ? Now : null));
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await Execute(connection, """
            INSERT INTO audit_log (at, academy_id, actor, action, itop_class, itop_key, ticket_ref, outcome, before_state, after_state) VALUES
              ('2025-03-25 09:00+00', 'toulouse', 'autoclose', 'close', 'UserRequest', 9, 'R-000009', 'done', NULL, NULL),
              ('2025-03-26 09:00+00', 'toulouse', 'autoclose', 'close', 'UserRequest', 8, 'R-000008', 'failed', NULL, NULL),
              ('2025-03-05 09:00+00', 'toulouse', 'reassign', 'dispatch', 'UserRequest', 3, 'R-000003', 'done',
                 '{"team_id": 10, "team_name": "HELPDESK"}', '{"team_id": 11, "team_name": "PILOTES"}'),
              ('2025-03-06 09:00+00', 'toulouse', 'reassign', 'dispatch', 'UserRequest', 4, 'R-000004', 'done',
                 '{"team_id": 10, "team_name": "HELPDESK"}', '{"team_id": 11, "team_name": "PILOTES"}'),
              ('2025-03-07 09:00+00', 'toulouse', 'reassign', 'dispatch', 'UserRequest', 5, 'R-000005', 'failed',
                 '{"team_id": 10, "team_name": "HELPDESK"}', '{"team_id": 11, "team_name": "PILOTES"}'),
              ('2025-03-08 09:00+00', 'toulouse', 'reassign', 'transfer.create', 'UserRequest', 2, 'R-000002', 'done',
                 '{"team_id": 10, "team_name": "HELPDESK"}', '{"team_name": "DSI Plateforme Assistance MPL", "target_academy_id": "montpellier"}'),
              ('2025-03-08 09:01+00', 'toulouse', 'reassign', 'transfer.close', 'UserRequest', 2, 'R-000002', 'done', NULL, NULL),
              ('2025-03-08 09:00+00', 'montpellier', 'reassign', 'dispatch', 'UserRequest', 1, 'R-000001', 'done',
                 '{"team_id": 21, "team_name": "HELPDESK MPL"}', '{"team_id": 20, "team_name": "DSI Plateforme Assistance MPL"}');
            """, cancellationToken);
    }

    private static NpgsqlParameter Text(string name, string? value) => new(name, NpgsqlDbType.Text) { Value = (object?)value ?? DBNull.Value };
    private static NpgsqlParameter Big(string name, long? value) => new(name, NpgsqlDbType.Bigint) { Value = (object?)value ?? DBNull.Value };
    private static NpgsqlParameter Instant(string name, DateTimeOffset? value) =>
        new(name, NpgsqlDbType.TimestampTz) { Value = (object?)value?.UtcDateTime ?? DBNull.Value };

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
