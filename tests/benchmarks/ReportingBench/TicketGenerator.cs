namespace ReportingBench;

/// <summary>
/// Writes a realistic synced data set with COPY: three academies of different sizes, 20 teams and 60 agents each,
/// three years of tickets (more recent ones still in progress), and the audit rows of auto-close and reassignment.
/// </summary>
internal static class TicketGenerator
{
    private static readonly (string Id, double Share)[] Academies = [("toulouse", 0.45), ("montpellier", 0.35), ("normandie", 0.20)];
    private static readonly string[] RequestTypes = ["incident", "service_request"];

    public static async Task<long> GenerateAsync(NpgsqlDataSource dataSource, int count, DateTimeOffset now, int seed = 20251123)
    {
        var random = new Random(seed);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var academies = new NpgsqlCommand("""
            INSERT INTO academies (academy_id, display_name, itop_url, time_zone) VALUES
              ('toulouse', 'Académie de Toulouse', 'https://itop-tls', 'Europe/Paris'),
              ('montpellier', 'Académie de Montpellier', 'https://itop-mpl', 'Europe/Paris'),
              ('normandie', 'Académie de Normandie', 'https://itop-nor', 'Europe/Paris')
            """, connection))
            await academies.ExecuteNonQueryAsync();

        var autoClosed = new List<(string Academy, long Id, DateTimeOffset At)>();
        var moves = new List<(string Academy, long Id, DateTimeOffset At, int From, int To, string? Target)>();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY tickets (academy_id, itop_id, ref, title, status, status_group, request_type, priority, org_id, org_name,
                team_id, team_name, agent_id, agent_name, service_id, service_name, servicesubcategory_id, servicesubcategory_name,
                establishment_uai, visible_by, beneficiary, start_date, assignment_date, resolution_date, close_date, last_update,
                closed_by_connector, deleted_at) FROM STDIN (FORMAT BINARY)
            """))
        {
            var span = TimeSpan.FromDays(3 * 365);
            for (var i = 0; i < count; i++)
            {
                var academyIndex = Pick(random);
                var academy = Academies[academyIndex].Id;
                var id = (long)i + 1;
                // Volume grows over time: more tickets recently (sqrt skews towards the present).
                var age = span * (1 - Math.Sqrt(random.NextDouble()));
                var start = now - age;
                var team = random.Next(20);
                var agent = team * 3 + random.Next(3);
                var (status, group) = StatusFor(age, random);
                DateTimeOffset? assigned = group == "Other" && random.NextDouble() < 0.5 ? null : start + Hours(random, 4);
                DateTimeOffset? resolved = group is "Resolved" or "Closed" && assigned is { } a ? a + Hours(random, 48) : null;
                DateTimeOffset? closed = group == "Closed" && resolved is { } r ? r + TimeSpan.FromDays(random.Next(0, 15)) : null;
                if (resolved > now) resolved = now;
                if (closed > now) closed = now;
                var byConnector = closed is not null && random.NextDouble() < 0.35;
                if (closed is { } c && !byConnector && random.NextDouble() < 0.1)
                    autoClosed.Add((academy, id, c));
                if (random.NextDouble() < 0.02)
                {
                    var target = random.NextDouble() < 0.2 ? Academies[(academyIndex + 1) % 3].Id : null;
                    moves.Add((academy, id, start + TimeSpan.FromHours(1), team, (team + 1) % 20, target));
                }
                var uai = academyIndex switch { 0 => "031", 1 => "034", _ => "014" } + (random.Next(300) * 37 % 10000).ToString("0000") + "A";
                var service = random.Next(30);
                var subcategory = service * 5 + random.Next(5);
                var unassigned = group == "Open" && random.NextDouble() < 0.2;

                copy.StartRow();
                copy.Write(academy, NpgsqlDbType.Text);
                copy.Write(id, NpgsqlDbType.Bigint);
                copy.Write($"R-{id:0000000}", NpgsqlDbType.Text);
                copy.Write("Demande d'assistance", NpgsqlDbType.Text);
                copy.Write(status, NpgsqlDbType.Text);
                copy.Write(group, NpgsqlDbType.Text);
                copy.Write(RequestTypes[random.Next(10) < 7 ? 0 : 1], NpgsqlDbType.Text);
                copy.Write(random.Next(1, 5).ToString(), NpgsqlDbType.Text);
                copy.Write((long)random.Next(1, 300), NpgsqlDbType.Bigint);
                copy.Write($"Établissement {uai}", NpgsqlDbType.Text);
                copy.Write((long)(academyIndex * 100 + team), NpgsqlDbType.Bigint);
                copy.Write(team == 0 ? "HELPDESK" : team == 1 ? "PILOTES" : $"Équipe {team:00}", NpgsqlDbType.Text);
                WriteNullable(copy, unassigned ? null : (long?)(academyIndex * 1000 + agent), NpgsqlDbType.Bigint);
                WriteNullable(copy, unassigned ? null : $"Agent {agent:000}", NpgsqlDbType.Text);
                copy.Write((long)(academyIndex * 100 + service), NpgsqlDbType.Bigint);
                copy.Write($"Service {service:00}", NpgsqlDbType.Text);
                copy.Write((long)(academyIndex * 1000 + subcategory), NpgsqlDbType.Bigint);
                copy.Write($"Sous-catégorie {subcategory:000}", NpgsqlDbType.Text);
                copy.Write(uai, NpgsqlDbType.Text);
                WriteNullable(copy, random.NextDouble() < 0.3 ? "Établissement" : null, NpgsqlDbType.Text);
                WriteNullable(copy, random.NextDouble() < 0.2 ? $"Bénéficiaire {random.Next(5000)}" : null, NpgsqlDbType.Text);
                copy.Write(start.UtcDateTime, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, assigned?.UtcDateTime, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, resolved?.UtcDateTime, NpgsqlDbType.TimestampTz);
                WriteNullable(copy, closed?.UtcDateTime, NpgsqlDbType.TimestampTz);
                copy.Write((closed ?? resolved ?? assigned ?? start).UtcDateTime, NpgsqlDbType.TimestampTz);
                copy.Write(byConnector, NpgsqlDbType.Boolean);
                WriteNullable(copy, random.NextDouble() < 0.002 ? (DateTime?)now.UtcDateTime : null, NpgsqlDbType.TimestampTz);
            }
            await copy.CompleteAsync();
        }

        await using (var audit = await connection.BeginBinaryImportAsync(
            "COPY audit_log (at, academy_id, actor, action, itop_class, itop_key, outcome, before_state, after_state) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (academy, id, at) in autoClosed)
            {
                await audit.StartRowAsync();
                await audit.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                await audit.WriteAsync(academy, NpgsqlDbType.Text);
                await audit.WriteAsync("autoclose", NpgsqlDbType.Text);
                await audit.WriteAsync("close", NpgsqlDbType.Text);
                await audit.WriteAsync("UserRequest", NpgsqlDbType.Text);
                await audit.WriteAsync(id, NpgsqlDbType.Bigint);
                await audit.WriteAsync("done", NpgsqlDbType.Text);
                await audit.WriteNullAsync();
                await audit.WriteNullAsync();
            }
            foreach (var (academy, id, at, from, to, target) in moves)
            {
                await audit.StartRowAsync();
                await audit.WriteAsync(at.UtcDateTime, NpgsqlDbType.TimestampTz);
                await audit.WriteAsync(academy, NpgsqlDbType.Text);
                await audit.WriteAsync("reassign", NpgsqlDbType.Text);
                await audit.WriteAsync(target is null ? "dispatch" : "transfer.create", NpgsqlDbType.Text);
                await audit.WriteAsync("UserRequest", NpgsqlDbType.Text);
                await audit.WriteAsync(id, NpgsqlDbType.Bigint);
                await audit.WriteAsync("done", NpgsqlDbType.Text);
                await audit.WriteAsync($$"""{"team_id": {{from}}, "team_name": "Équipe {{from:00}}"}""", NpgsqlDbType.Jsonb);
                await audit.WriteAsync(target is null
                    ? $$"""{"team_id": {{to}}, "team_name": "Équipe {{to:00}}"}"""
                    : $$"""{"team_name": "DSI Plateforme Assistance", "target_academy_id": "{{target}}"}""", NpgsqlDbType.Jsonb);
            }
            await audit.CompleteAsync();
        }
        return autoClosed.Count + moves.Count;
    }

    private static int Pick(Random random)
    {
        var x = random.NextDouble();
        for (var i = 0; i < Academies.Length; i++)
        {
            x -= Academies[i].Share;
            if (x < 0) return i;
        }
        return Academies.Length - 1;
    }

    private static (string Status, string Group) StatusFor(TimeSpan age, Random random)
    {
        var x = random.NextDouble();
        if (age > TimeSpan.FromDays(30))
            return x switch
            {
                < 0.015 => ("assigned", "Open"),
                < 0.020 => ("pending", "Waiting"),
                < 0.030 => ("resolved", "Resolved"),
                < 0.040 => ("rejected", "Other"),
                _ => ("closed", "Closed"),
            };
        return x switch
        {
            < 0.10 => ("new", "Open"),
            < 0.30 => ("assigned", "Open"),
            < 0.40 => ("pending", "Waiting"),
            < 0.70 => ("resolved", "Resolved"),
            < 0.72 => ("rejected", "Other"),
            _ => ("closed", "Closed"),
        };
    }

    private static TimeSpan Hours(Random random, double mean) => TimeSpan.FromHours(-Math.Log(1 - random.NextDouble()) * mean);

    private static void WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type)
    {
        if (value is null)
            copy.WriteNull();
        else
            copy.Write(value, type);
    }
}
