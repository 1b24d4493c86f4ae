namespace Amigo.Plugins.Reporting.Tests.Reports;

/// <summary>
/// The resolution-times report reads materialized views (per-day cumulative histograms and per-bucket sorted durations);
/// its figures must equal percentile_cont over the tickets (<c>report_resolution_times_live</c>) for any period.
/// </summary>
public class ResolutionTimesExactnessTests(GeneratedResolutionsFixture data) : IClassFixture<GeneratedResolutionsFixture>
{
    private static readonly (DateOnly? From, DateOnly? To)[] Periods =
    [
        (null, null),
        (new(2025, 1, 1), new(2025, 2, 1)),
        (new(2025, 3, 30), new(2025, 3, 31)),   // daylight saving time starts in Paris
        (new(2025, 6, 14), new(2025, 6, 16)),   // team 2 renamed on the 15th
        (new(2025, 6, 1), null),
        (null, new(2025, 6, 15)),
        (new(2025, 7, 14), new(2025, 7, 15)),
        (new(2025, 10, 1), new(2026, 1, 1)),
        (new(2025, 1, 1), new(2026, 1, 1)),
        (new(2025, 12, 31), new(2026, 1, 2)),
        (new(2024, 1, 1), new(2025, 1, 1)),     // nothing resolved
    ];

    public static TheoryData<string?, long?> Scopes()
    {
        var scopes = new TheoryData<string?, long?>();
        foreach (var academy in GeneratedResolutionsFixture.Academies.Append(null))
            foreach (var team in new long?[] { null, 2, 5 })
                scopes.Add(academy, team);
        return scopes;
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task Every_period_gives_the_figures_of_percentile_cont_over_the_tickets(string? academy, long? team)
    {
        var compared = 0;
        foreach (var (from, to) in Periods)
        {
            var result = await data.RunAsync(new ReportFilter(academy, team, from, to));
            var actual = result.Rows.Select(row => Line(row.Select(Text))).Order(StringComparer.Ordinal).ToList();
            // Days are in each academy's time zone: the reference runs per academy.
            var expected = new List<string>();
            foreach (var each in academy is null ? GeneratedResolutionsFixture.Academies : [academy])
                expected.AddRange(await LiveAsync(each, team, from, to));
            expected.Sort(StringComparer.Ordinal);

            Assert.True(expected.SequenceEqual(actual),
                $"{academy ?? "*"} team {team?.ToString(CultureInfo.InvariantCulture) ?? "*"} {from}..{to}:\nexpected\n{string.Join("\n", expected)}\nactual\n{string.Join("\n", actual)}");
            compared += actual.Count;
        }
        Assert.True(compared >= 7, $"only {compared} rows compared"); // every period but the empty ones has rows
    }

    [Fact]
    public async Task The_data_set_exercises_ties_bucket_bounds_renamed_teams_and_missing_durations()
    {
        var rows = await QueryAsync("""
            SELECT count(*) FILTER (WHERE assign_hours < 0), count(*) FILTER (WHERE assign_hours IS NULL),
                   count(*) FILTER (WHERE resolve_hours IS NULL), count(*) FILTER (WHERE team_id IS NULL),
                   count(*) - count(DISTINCT resolve_hours),
                   count(*) FILTER (WHERE resolve_hours IN (0.05, 0.25, 1.05, 4.25, 17.05, 68.25)), -- bucket bounds
                   count(DISTINCT team_name) FILTER (WHERE team_id = 2)
            FROM report_resolution_durations
            """, null, null, null, null);

        Assert.All(rows.Single().Split('|'), count => Assert.True(long.Parse(count, CultureInfo.InvariantCulture) > 0, $"counts: {rows.Single()}"));
    }

    [Fact]
    public async Task A_period_is_as_fresh_as_the_last_refresh()
    {
        var filter = new ReportFilter("paris", From: new DateOnly(2026, 2, 1), To: new DateOnly(2026, 2, 2));
        await using (var insert = data.DataSource.CreateCommand("""
            INSERT INTO tickets (academy_id, itop_id, ref, title, status, status_group, team_id, team_name, start_date, assignment_date, resolution_date)
            VALUES ('paris', 100000, 'R-100000', 'Demande', 'resolved', 'Resolved', 1, 'Équipe 1',
                    '2026-02-01 08:00+01', '2026-02-01 09:00+01', '2026-02-01 18:00+01')
            """))
            await insert.ExecuteNonQueryAsync();
        var refresher = data.Services.GetRequiredService<MaterializedViewRefresher>();
        try
        {
            var before = await data.RunAsync(filter);
            data.Services.GetRequiredService<FakeTimeProvider>().Advance(TimeSpan.FromMinutes(10));
            await refresher.RefreshAsync(TimeSpan.Zero, CancellationToken.None);
            var after = await data.RunAsync(filter);

            Assert.Empty(before.Rows);
            Assert.NotNull(before.DataAsOf);
            var row = Assert.Single(after.Rows);
            Assert.Equal((1L, 1m, 10m), ((long)after.Value(row, "resolved_count")!, (decimal)after.Value(row, "assign_median_hours")!,
                (decimal)after.Value(row, "resolve_p90_hours")!));
            Assert.Equal(before.DataAsOf + TimeSpan.FromMinutes(10), after.DataAsOf); // stamped with the host's clock
        }
        finally
        {
            await using (var delete = data.DataSource.CreateCommand("DELETE FROM tickets WHERE itop_id = 100000"))
                await delete.ExecuteNonQueryAsync();
            await refresher.RefreshAsync(TimeSpan.Zero, CancellationToken.None);
        }
    }

    private Task<List<string>> LiveAsync(string academy, long? team, DateOnly? from, DateOnly? to) =>
        QueryAsync("SELECT * FROM report_resolution_times_live(@academy, @team, @from, @to)", academy, team, from, to);

    private async Task<List<string>> QueryAsync(string sql, string? academy, long? team, DateOnly? from, DateOnly? to)
    {
        await using var command = data.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("academy", NpgsqlDbType.Text) { Value = (object?)academy ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("team", NpgsqlDbType.Bigint) { Value = (object?)team ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("from", NpgsqlDbType.Date) { Value = (object?)from ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("to", NpgsqlDbType.Date) { Value = (object?)to ?? DBNull.Value });
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(Line(Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.IsDBNull(i) ? null : reader.GetValue(i)))));
        return lines;
    }

    private static string Text(object? value) => value switch
    {
        null => "∅",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };

    private static string Line(IEnumerable<string> values) => string.Join("|", values);
}
