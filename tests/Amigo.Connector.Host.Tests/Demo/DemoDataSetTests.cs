namespace Amigo.Connector.Host.Tests.Demo;

/// <summary>The demo data set on its own: valid UAI codes, every status, deterministic.</summary>
public sealed class DemoDataSetTests
{
    [Fact]
    public void Establishment_codes_are_valid_UAI_of_their_academy()
    {
        foreach (var academy in DemoAcademies.All)
            foreach (var establishment in academy.Establishments.Append(academy.Rectorat))
            {
                var parsed = UaiCode.Parse(establishment.Uai);
                Assert.True(parsed.IsValid, $"{establishment.Name} {establishment.Uai}: {parsed.Reason}");
                Assert.Equal(academy.Id, DepartementAcademiesOf(parsed.Code!.Value.Departement));
            }
        Assert.Equal("0310094J", DemoAcademies.Toulouse.Establishments.Single(e => e.Number == "0310094").Uai);
        Assert.Equal("0311240E", DemoAcademies.Toulouse.Establishments.Single(e => e.Number == "0311240").Uai);
        Assert.Equal("0140096D", DemoAcademies.Normandie.Establishments.Single(e => e.Number == "0140096").Uai);
    }

    [Fact]
    public void Seeding_is_deterministic_and_covers_every_status()
    {
        using var first = DemoSimulations.Start();
        using var second = DemoSimulations.Start();
        foreach (var academy in DemoAcademies.All)
        {
            var a = first[academy.Id];
            var b = second[academy.Id];
            Assert.Equal(a.Seed.SeededStatuses, b.Seed.SeededStatuses);
            Assert.Equal(Titles(a.Simulation), Titles(b.Simulation));
            Assert.True(a.Seed.TicketCount >= 100, $"{academy.Id}: {a.Seed.TicketCount} tickets");
            foreach (var status in new[] { "new", "assigned", "pending", "resolved", "closed" })
                Assert.Contains(status, a.Seed.SeededStatuses.Values);
            Assert.NotEmpty(a.Seed.DueForClosing);
            Assert.All(a.Seed.DueForClosing, id =>
            {
                var resolved = DateTime.Parse(a.Simulation.Store.GetField("UserRequest", id, "resolution_date")!, System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(a.Simulation.Clock.LocalNow - resolved > TimeSpan.FromDays(academy.AutoCloseDays), $"R {id} resolved {resolved}");
            });
        }
        Assert.Equal(6, first[DemoAcademies.Toulouse.Id].Seed.Misrouted.Count);
        Assert.Equal(2, first[DemoAcademies.Toulouse.Id].Seed.ToTransfer.Count);
    }

    private static string? DepartementAcademiesOf(string departement) =>
        DepartementAcademies.BuiltIn.TryGetValue(departement, out var academy) ? academy : null;

    private static List<string?> Titles(ITopSimulation simulation) =>
        simulation.Store.Ids("UserRequest").Select(id => simulation.Store.GetField("UserRequest", id, "title")).ToList();
}
