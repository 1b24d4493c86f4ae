namespace Amigo.Connector.RealITop.Tests;

/// <summary>The sync against the real iTop copies exactly what iTop's database holds.</summary>
[Collection(RealITopCollection.Name)]
public sealed class SyncAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [RealITopFact]
    public async Task A_full_sync_copies_exactly_what_itop_holds_and_a_second_sync_changes_nothing()
    {
        var lab = RealITopLab.Current!;
        await using var connector = await LabConnector.StartAsync(postgres);

        // Other test assemblies write to the same lab meanwhile: compare the tickets no one touched during the sync.
        var before = await lab.UserRequestsAsync();
        var sync = await connector.RunAsync("sync");
        var after = await lab.UserRequestsAsync();
        var synced = await connector.SyncedTicketsAsync();

        Assert.True(sync.Outcome == "succeeded", $"{sync.Outcome}: {sync.Summary} {sync.Error}");
        var untouched = before.Values.Where(row => after.TryGetValue(row.Id, out var now) && now == row).ToList();
        // CI adds 20,000 closed tickets (scripts/itop-lab.sh clone): a volume a stock PHP (128 MB) cannot serve in one answer.
        var volume = int.Parse(Environment.GetEnvironmentVariable("AMIGO_ITOP_LAB_CLONES") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(untouched.Count >= 60 + volume, $"the lab holds its seeded and cloned tickets ({untouched.Count} untouched of {before.Count})");
        Assert.All(untouched, row => Assert.Equal(row, synced.GetValueOrDefault(row.Id)));
        Assert.Empty(synced.Keys.Except(after.Keys));

        var again = await connector.RunAsync("sync");
        Assert.True(again.Outcome == "succeeded", $"{again.Outcome}: {again.Summary} {again.Error}");
        var stillUntouched = untouched.Where(row => row == (after.GetValueOrDefault(row.Id))).ToList();
        var resynced = await connector.SyncedTicketsAsync();
        Assert.All(stillUntouched, row => Assert.Equal(row, resynced.GetValueOrDefault(row.Id)));
    }
}
