namespace Amigo.Connector.ITop.Tests;

/// <summary>Typed records mapped from the recorded answers (field names exactly as iTop 3.2 sends them).</summary>
public sealed class TypedModelTests
{
    private static readonly ITopTimeZone Paris = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    private static IReadOnlyList<ITopObject> Objects(string recording) =>
        ((JObject)Recording.Get(recording).ResponseJson!["objects"]!).Properties()
        .Select(p => new ITopObject((string)p.Value["class"]!, long.Parse((string)p.Value["key"]!, System.Globalization.CultureInfo.InvariantCulture),
            ((JObject)p.Value["fields"]!).Properties().ToDictionary(f => f.Name, f => (JToken?)f.Value)))
        .ToList();

    [Fact]
    public void UserRequest_from_recording_29_and_24()
    {
        var first = UserRequest.FromObject(Objects("29-get_resolved_oql_fields")[0], Paris);
        Assert.Equal((45L, "R-000045", "resolved", 4L, 8L, 19L), (first.Id, first.Ref, first.Status, first.OrgId!.Value, first.TeamId!.Value, first.AgentId!.Value));
        Assert.Equal("Équipe support Académie de Normandie", first.TeamName);
        Assert.Null(first.CloseDate);
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 17, 28, 55, TimeSpan.FromHours(1)), first.StartDate);

        var full = UserRequest.FromObject(Objects("24-get_userrequest_by_key_default_fields")[0], Paris);
        Assert.Equal("Stéphane Lambert", full.CallerFriendlyName);
        Assert.Equal("Lambert", full.CallerName);
        Assert.NotEmpty(full.PublicLog);
        Assert.NotEmpty(full.PrivateLog);
        Assert.All(UserRequest.Fields.Where(f => f != "id"), f => Assert.True(full.Source.Fields.ContainsKey(f), f));
    }

    [Fact]
    public void Empty_external_keys_map_to_null()
    {
        var created = UserRequest.FromObject(Objects("72-create_userrequest_numeric_keys_default_output")[0], Paris);
        Assert.Null(created.TeamId);
        Assert.Null(created.AgentId);
        Assert.Null(created.TeamName);
        Assert.Empty(created.PrivateLog);
    }

    [Fact]
    public void Catalogue_and_organisation_classes()
    {
        var team = Team.FromObject(Objects("56-get_team_star")[0], Paris);
        Assert.Equal("DSI Plateforme Assistance TLS", team.Name);
        Assert.Contains(team.Members, m => m.PersonId == 11 && m.PersonName == "Martin");

        var persons = Objects("57-get_persons").Select(o => Person.FromObject(o, Paris)).ToList();
        Assert.Equal(28, persons.Count);
        Assert.Contains(persons, p => p.FriendlyName == "Agnès Rousseau" && p.LastName == "Rousseau" && p.OrgId == 4);

        var organizations = Objects("59-get_organizations").Select(o => Organization.FromObject(o, Paris)).ToList();
        Assert.Equal(4, organizations.Count);
        Assert.Contains(organizations, o => o.Name == "Académie de Montpellier" && o.Code == "AC-MPL" && o.ParentId is null);
        Assert.Contains(Objects("60-get_services").Select(o => Service.FromObject(o, Paris)), s => s.Name == "Agenda Webmail" && s.ServiceFamilyId == 1);
        Assert.Equal(47, Objects("62-get_servicesubcategories").Select(o => ServiceSubcategory.FromObject(o, Paris)).Count(s => s.ServiceId > 0));
        Assert.Equal(5, Objects("64-get_servicefamilies").Select(o => ServiceFamily.FromObject(o, Paris)).Count());
        var contract = CustomerContract.FromObject(Objects("65-get_customercontracts")[0], Paris);
        Assert.Contains(2L, contract.ServiceIds);
        Assert.Equal(new DateTimeOffset(2024, 9, 1, 0, 0, 0, TimeSpan.FromHours(2)), contract.StartDate);
        var link = PersonTeamLink.FromObject(Objects("66-get_lnkpersontoteam")[0], Paris);
        Assert.Equal((5L, 15L, "Amélie Petit"), (link.TeamId, link.PersonId, link.PersonFriendlyName));
    }

    [Fact]
    public void Academy_specific_fields_stay_reachable_through_the_generic_object()
    {
        var source = new ITopObject("UserRequest", 7, new Dictionary<string, JToken?>
        {
            ["ref"] = "R-000007", ["ac_uai"] = "0310001A", ["ac_niveau3_id"] = "12", ["ac_niveau4_id"] = "0",
        });
        var ticket = UserRequest.FromObject(source, Paris);
        Assert.Equal("0310001A", ticket.Source.GetString("ac_uai"));
        Assert.Equal(12, ticket.Source.GetExternalKey("ac_niveau3_id"));
        Assert.Null(ticket.Source.GetExternalKey("ac_niveau4_id"));
    }
}
