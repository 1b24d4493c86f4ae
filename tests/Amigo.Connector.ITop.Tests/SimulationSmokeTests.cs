namespace Amigo.Connector.ITop.Tests;

public sealed class SimulationSmokeTests
{
    [Fact]
    public async Task Create_then_read_back_through_the_client()
    {
        using var sim = ITopSimulation.Start(new ITopSimulationOptions { SeedDemoData = true });
        using var client = sim.CreateClient();
        var orgId = sim.Store.Ids("Organization")[0];
        var created = await client.CreateAsync(new ITopWrite("UserRequest", null,
            new ITopFields().Set("org_id", orgId).Set("title", "Webmail : accès refusé").Set("description", "Impossible d'ouvrir le webmail."),
            "Créé par le connecteur", ["id", "ref", "status", "org_name", "start_date"]));
        Assert.Equal("new", created.GetString("status"));
        var read = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Where("status", "=", "new").Build()), ["id", "ref", "title"]));
        Assert.Equal(1, read.TotalCount);
        Assert.Equal("Webmail : accès refusé", read.Objects[0].GetString("title"));
        var streamed = new List<ITopObject>();
        await foreach (var o in client.StreamAsync(new ITopGetRequest("Person", ITopKey.Query(Oql.Select("Person").Build()), ["id", "friendlyname"])))
            streamed.Add(o);
        Assert.Equal(sim.Store.Count("Person"), streamed.Count);
    }
}
