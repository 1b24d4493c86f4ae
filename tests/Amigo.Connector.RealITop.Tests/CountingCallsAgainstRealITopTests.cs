namespace Amigo.Connector.RealITop.Tests;

/// <summary>
/// What the sync's id windows rely on to jump over gaps in the ids: a <c>core/get</c> with <c>limit</c> 1 answers one
/// object of the query and, in its "Found: N" message, the number of objects the whole query matches.
/// </summary>
[Collection(RealITopCollection.Name)]
public sealed class CountingCallsAgainstRealITopTests
{
    [RealITopFact]
    public async Task A_get_limited_to_one_object_counts_every_object_of_the_range()
    {
        var lab = RealITopLab.Current!;
        using var client = new ITopClient(new ITopClientOptions { InstanceName = "lab", Url = lab.Url, User = lab.User, Password = lab.Password, TimeZone = RealITopLab.Zone });
        // The lowest ids are seeded tickets no test deletes; tests create theirs above every existing id.
        const long lower = 0, upper = 30;
        var inDatabase = await lab.ScalarAsync<int>("SELECT COUNT(*) FROM ticket WHERE finalclass = 'UserRequest' AND id > @lower AND id <= @upper", ("lower", lower), ("upper", upper));
        var maxId = await lab.ScalarAsync<long>("SELECT MAX(id) FROM ticket");

        var counted = await client.GetAsync(Counting(q => q.Where("id", ">", lower).Where("id", "<=", upper)));
        var gap = await client.GetAsync(Counting(q => q.Where("id", ">", maxId + 1_000_000).Where("id", "<=", maxId + 2_000_000)));

        Assert.True(inDatabase > 1, $"the lab holds {inDatabase} UserRequests with ids 1-30: seed it (scripts/itop-lab.sh start)");
        Assert.Equal(inDatabase, counted.TotalCount);
        var one = Assert.Single(counted.Objects);
        Assert.InRange(one.Key, lower + 1, upper);
        Assert.Equal(0, gap.TotalCount);
        Assert.Empty(gap.Objects);
    }

    private static ITopGetRequest Counting(Action<OqlBuilder> window)
    {
        var query = Oql.Select("UserRequest");
        window(query);
        return new ITopGetRequest("UserRequest", ITopKey.Query(query.Build()), ["id"], Limit: 1, Page: 1);
    }
}
