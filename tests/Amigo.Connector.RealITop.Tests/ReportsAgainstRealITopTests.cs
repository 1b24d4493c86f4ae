namespace Amigo.Connector.RealITop.Tests;

/// <summary>The reports, fed by a sync of the real iTop, count what SQL on iTop's own database counts.</summary>
[Collection(RealITopCollection.Name)]
public sealed class ReportsAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [RealITopFact]
    public async Task The_academy_overview_counts_what_itop_holds_per_portal_tab()
    {
        var lab = RealITopLab.Current!;
        await using var connector = await LabConnector.StartAsync(postgres, new Dictionary<string, string?> { ["Plugins:reporting:Enabled"] = "true" });
        using var client = connector.Client();

        // Other test assemblies may write to the lab meanwhile: retry until iTop held still around the sync.
        for (var attempt = 1; ; attempt++)
        {
            var before = await CountsAsync(lab);
            Assert.Equal("succeeded", (await connector.RunAsync("sync")).Outcome);
            var after = await CountsAsync(lab);
            if (!before.SequenceEqual(after) && attempt < 5) continue;
            Assert.Equal(before, after);

            var refresh = await connector.RunAsync("reporting.refresh", arguments: new Dictionary<string, string> { ["force"] = "true" });
            Assert.True(refresh.Outcome == "succeeded", $"{refresh.Outcome}: {refresh.Summary} {refresh.Error}");
            var report = await client.GetFromJsonAsync<JsonElement>($"/api/academies/{LabConnector.Academy}/reporting/reports/academies");
            var row = report.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("academy_id").GetString() == LabConnector.Academy);
            Assert.Equal(after[StatusGroup.Open], Figure(row, "open_count"));
            Assert.Equal(after[StatusGroup.Waiting], Figure(row, "waiting_count"));
            Assert.Equal(after[StatusGroup.Resolved], Figure(row, "resolved_count"));
            Assert.Equal(after[StatusGroup.Closed], Figure(row, "closed_count"));
            Assert.True(after[StatusGroup.Open] > 0 && after[StatusGroup.Resolved] > 0 && after[StatusGroup.Closed] > 0);
            return;
        }
    }

    /// <summary>UserRequests per portal tab, by SQL on iTop's database and the stock lifecycle's status groups.</summary>
    private static async Task<SortedDictionary<StatusGroup, long>> CountsAsync(RealITopLab lab)
    {
        var counts = new SortedDictionary<StatusGroup, long>();
        foreach (var group in Enum.GetValues<StatusGroup>()) counts[group] = 0;
        foreach (var row in (await lab.UserRequestsAsync()).Values)
            counts[BuiltInProfiles.Stock.GroupOf(row.Status)]++;
        return counts;
    }

    private static long Figure(JsonElement row, string column)
    {
        var value = row.GetProperty(column);
        return value.ValueKind == JsonValueKind.String ? long.Parse(value.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : value.GetInt64();
    }
}
