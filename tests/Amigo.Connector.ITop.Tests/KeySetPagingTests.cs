namespace Amigo.Connector.ITop.Tests;

/// <summary>Reading every ticket while tickets are created and updated: id windows neither miss nor repeat.</summary>
public sealed class KeySetPagingTests
{
    [Fact]
    public async Task Id_windows_read_each_existing_ticket_exactly_once_while_tickets_change()
    {
        using var sim = ITopSimulation.Start();
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        var existing = Enumerable.Range(0, 230).Select(i => sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = $"Demande {i}" })).ToList();
        // A gap in the ids (deleted tickets) larger than a window must not stop the read.
        foreach (var id in existing.Skip(100).Take(80)) sim.Store.Remove("UserRequest", id);
        var expected = sim.Store.Ids("UserRequest").ToHashSet();
        using var client = sim.CreateClient();

        var seen = new List<long>();
        await foreach (var ticket in client.StreamByIdWindowsAsync("UserRequest", q => q.Where("status", "!=", "closed"), ["id", "ref", "title"], windowSize: 25))
        {
            seen.Add(ticket.Key);
            if (seen.Count % 20 == 0)
            {
                // Meanwhile agents create tickets and update old ones (a page-number read would drift here).
                sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = "Nouvelle demande" });
                sim.Store.SetFields("UserRequest", expected.First(), new Dictionary<string, string> { ["title"] = "Modifiée pendant la lecture" });
            }
        }
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), expected);
        Assert.All(seen.Except(expected), id => Assert.True(id > expected.Max()));
        Assert.All(sim.CallsOf("core/get"), c => Assert.Contains("id > ", (string)c["key"]!));
    }

    [Fact]
    public async Task Page_numbers_drift_when_tickets_are_created_during_the_read()
    {
        // Why the id windows exist: UserRequests come ordered by ref descending, so a new ticket shifts every page.
        using var sim = ITopSimulation.Start();
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        for (var i = 0; i < 10; i++) sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org });
        using var client = sim.CreateClient();
        var all = Oql.Select("UserRequest").Build();
        var page1 = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(all), ["id"], Limit: 5, Page: 1));
        sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org });
        var page2 = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(all), ["id"], Limit: 5, Page: 2));
        Assert.Equal(10, page1.TotalCount);
        Assert.Equal(11, page2.TotalCount);
        Assert.NotEmpty(page1.Objects.Select(o => o.Key).Intersect(page2.Objects.Select(o => o.Key)));
    }
}
