namespace Amigo.Connector.RealITop.Tests;

/// <summary>Auto-close against the real iTop closes exactly the due set, computed here from iTop's own database.</summary>
[Collection(RealITopCollection.Name)]
public sealed class AutoCloseAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private const int DelayDays = 14;

    [RealITopFact]
    public async Task Closes_exactly_the_due_set_with_the_french_note_and_a_second_run_closes_nothing()
    {
        var lab = RealITopLab.Current!;
        await using var connector = await LabConnector.StartAsync(postgres, new Dictionary<string, string?>
        {
            ["Plugins:autoclose:Enabled"] = "true",
            ["Plugins:autoclose:DelayDays"] = DelayDays.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal("succeeded", (await connector.RunAsync("sync")).Outcome);

        // Due: resolved for 14 calendar days of iTop's wall clock, with no journal entry after the resolution (an
        // entry moves last_update past resolution_date).
        var now = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), RealITopLab.Zone).DateTime;
        var before = await lab.UserRequestsAsync();
        DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, RealITopLab.Zone).DateTime;
        var resolved = before.Values.Where(row => row.Status == "resolved" && row.ResolutionDate is not null).ToList();
        var due = resolved
            .Where(row => Local(row.ResolutionDate!.Value).AddDays(DelayDays) <= now && row.LastUpdate <= row.ResolutionDate)
            .Select(row => row.Id).Order().ToList();
        Assert.True(due.Count >= 3, $"the lab seeds tickets resolved 15, 20 and 30 days ago (due: {string.Join(", ", due)}); reseed with scripts/itop-lab.sh reseed");
        Assert.Contains(resolved, row => !due.Contains(row.Id)); // and some that are not due

        var run = await connector.RunAsync("autoclose");

        Assert.True(run.Outcome == "succeeded", $"{run.Outcome}: {run.Summary} {run.Error}");
        var after = await lab.UserRequestsAsync();
        var closed = resolved.Where(row => after[row.Id].Status == "closed").Select(row => row.Id).Order().ToList();
        Assert.Equal(due, closed);
        Assert.Equal(due.Count, run.Counts.GetValueOrDefault("closed"));
        foreach (var id in due)
        {
            var note = await lab.ScalarAsync<string>("SELECT public_log FROM ticket_request WHERE id = @id", ("@id", id));
            Assert.Contains($"clôturée automatiquement {DelayDays} jours après sa résolution", note);
        }

        // The connector knows these closings are its own once synced, and a second run closes nothing.
        Assert.Equal("succeeded", (await connector.RunAsync("sync")).Outcome);
        foreach (var id in due) Assert.True(await connector.ClosedByConnectorAsync(id), $"ticket {id} closed_by_connector");
        var second = await connector.RunAsync("autoclose");
        Assert.Equal(0, second.Counts.GetValueOrDefault("closed"));
        var final = await lab.UserRequestsAsync();
        Assert.All(resolved.Where(row => !due.Contains(row.Id)), row => Assert.Equal(after[row.Id].Status, final[row.Id].Status));
    }
}
