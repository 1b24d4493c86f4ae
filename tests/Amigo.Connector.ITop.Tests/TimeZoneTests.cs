namespace Amigo.Connector.ITop.Tests;

/// <summary>iTop's offset-less local times in Europe/Paris, across both DST changes; cut-offs are literals, never NOW().</summary>
public sealed class TimeZoneTests
{
    private static readonly ITopTimeZone Paris = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    [Fact]
    public void Autumn_repeated_hour_reads_as_the_earlier_instant()
    {
        // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET; 02:30 happens twice.
        var local = ITopTimeZone.ParseLocal("2026-10-25 02:30:00")!.Value;
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), Paris.ToInstant(local).ToUniversalTime());
        Assert.Equal("2026-10-25 02:30:00", Paris.ToITop(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero)));
        Assert.Equal("2026-10-25 02:30:00", Paris.ToITop(new DateTimeOffset(2026, 10, 25, 1, 30, 0, TimeSpan.Zero)));
        Assert.Equal("2026-10-25 03:30:00", Paris.ToITop(new DateTimeOffset(2026, 10, 25, 2, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Spring_missing_hour_is_moved_forward_like_PHP_does()
    {
        // 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST; 02:30 does not exist.
        var local = ITopTimeZone.ParseLocal("2026-03-29 02:30:00")!.Value;
        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 30, 0, TimeSpan.Zero), Paris.ToInstant(local).ToUniversalTime());
        Assert.Equal("2026-03-29 01:59:59", Paris.ToITop(new DateTimeOffset(2026, 3, 29, 0, 59, 59, TimeSpan.Zero)));
        Assert.Equal("2026-03-29 03:00:00", Paris.ToITop(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Cached_day_offsets_agree_with_the_zone_rules_every_seven_minutes_across_a_year()
    {
        // One shared instance (its day cache filled as it goes) against the rules applied afresh to every time.
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var shared = new ITopTimeZone(zone);
        for (var local = new DateTime(2026, 1, 1); local < new DateTime(2027, 1, 1); local = local.AddMinutes(7))
        {
            var expected = zone.IsInvalidTime(local)
                ? new DateTimeOffset(local.AddHours(1), zone.GetUtcOffset(local.AddHours(1)))
                : new DateTimeOffset(local, zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local));
            Assert.Equal(expected, shared.ToInstant(local));
            Assert.Equal(expected.Offset, shared.ToInstant(local).Offset);
        }
    }

    [Fact]
    public void Winter_and_summer_offsets()
    {
        Assert.Equal(TimeSpan.FromHours(1), Paris.ParseInstant("2026-01-15 10:00:00")!.Value.Offset);
        Assert.Equal(TimeSpan.FromHours(2), Paris.ParseInstant("2026-07-15 10:00:00")!.Value.Offset);
        Assert.Null(Paris.ParseInstant(""));
        Assert.Throws<ITopFormatException>(() => Paris.ParseInstant("15/07/2026"));
    }

    [Fact]
    public void Mapped_ticket_dates_are_instants_of_the_instance_zone()
    {
        // Recording 53: a closed ticket, dates in Paris local time without offset.
        var fields = Recording.Get("53-get_closed_ticket").ResponseJson!["objects"]!["UserRequest::46"]!["fields"]!;
        var ticket = UserRequest.FromObject(new ITopObject("UserRequest", 46,
            ((Newtonsoft.Json.Linq.JObject)fields).Properties().ToDictionary(p => p.Name, p => (Newtonsoft.Json.Linq.JToken?)p.Value)), Paris);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 23, 28, 55, TimeSpan.FromHours(1)), ticket.ResolutionDate);
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 23, 28, 55, TimeSpan.FromHours(1)), ticket.CloseDate);
    }

    [Fact]
    public async Task Cut_off_is_computed_by_the_connector_and_sent_as_a_literal()
    {
        using var sim = ITopSimulation.Start();
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        var old = sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", StartDate = new DateTime(2026, 10, 1, 9, 0, 0), ResolutionDate = new DateTime(2026, 10, 24, 23, 0, 0) });
        sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", StartDate = new DateTime(2026, 11, 1, 9, 0, 0), ResolutionDate = new DateTime(2026, 11, 20, 23, 0, 0) });
        using var client = sim.CreateClient();
        var cutOff = client.TimeZone.ToITop(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero).AddDays(-14));
        var query = Oql.Select("UserRequest").Where("status", "=", "resolved").Where("resolution_date", "<", cutOff).Build();
        Assert.DoesNotContain("NOW(", query.Text, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("SELECT UserRequest WHERE status = 'resolved' AND resolution_date < '2026-11-09 10:00:00'", query.Text);
        var found = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(query), ["id"]));
        Assert.Equal([old], found.Objects.Select(o => o.Key));
    }

    [Fact]
    public async Task Simulation_refuses_NOW_like_a_guard_rail()
    {
        using var sim = ITopSimulation.Start();
        using var client = sim.CreateClient();
        var error = await Assert.ThrowsAsync<ITopException>(() => client.GetAsync(new ITopGetRequest("UserRequest",
            ITopKey.Query(new OqlQuery("UserRequest", "SELECT UserRequest WHERE last_update > NOW()")), ["id"])));
        Assert.Equal(100, error.Code);
    }

    [Fact]
    public async Task Simulated_clock_dates_the_writes_in_local_time()
    {
        using var sim = ITopSimulation.Start();
        sim.Clock.Set(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero));
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        using var client = sim.CreateClient();
        var created = await client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields().Set("org_id", org).Set("title", "t").Set("description", "d"),
            "Créé par le connecteur", ["id", "start_date", "last_update"]));
        Assert.Equal("2026-10-25 02:30:00", created.GetString("last_update"));
        sim.Clock.Advance(TimeSpan.FromHours(1));
        var updated = await client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(created.Key), new ITopFields().Set("title", "t2"), "Mise à jour", ["last_update"]));
        Assert.Equal("2026-10-25 02:30:00", updated.GetString("last_update"));
        // iTop stores no offset: the second 02:30 reads back as the first one (a known one-hour ambiguity per year).
        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), client.TimeZone.ToInstant(updated.GetLocalDateTime("last_update")!.Value).ToUniversalTime());
    }
}
