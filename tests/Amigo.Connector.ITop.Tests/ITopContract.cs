namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// Assertions every iTop must satisfy through the client, whatever its data: run against the simulation always
/// and against a real iTop when AMIGO_ITOP_URL / AMIGO_ITOP_USER / AMIGO_ITOP_PASSWORD are set.
/// </summary>
public static partial class ITopContract
{
    public static async Task ListsTheSevenCoreOperations(IITopClient client)
    {
        var operations = await client.ListOperationsAsync();
        Assert.Equal(
            ["core/apply_stimulus", "core/check_credentials", "core/create", "core/delete", "core/get", "core/get_related", "core/update"],
            operations.Select(o => o.Verb).Order(StringComparer.Ordinal));
    }

    public static async Task ChecksCredentials(IITopClient client, string user, string password)
    {
        Assert.True(await client.CheckCredentialsAsync(user, password));
        Assert.False(await client.CheckCredentialsAsync(user, password + "-wrong"));
        Assert.False(await client.CheckCredentialsAsync("nobody-" + Guid.NewGuid().ToString("N"), "x"));
    }

    public static async Task ReadsOrganizationsWithStringIdsAndTotal(IITopClient client)
    {
        var all = await client.GetAsync(new ITopGetRequest("Organization", ITopKey.Query(Oql.Select("Organization").Build()), ["id", "name", "friendlyname"]));
        Assert.NotEmpty(all.Objects);
        Assert.Equal(all.Objects.Count, all.TotalCount);
        Assert.All(all.Objects, o =>
        {
            Assert.Equal("Organization", o.ClassName);
            Assert.Equal(o.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), o.GetString("id"));
            Assert.Equal(Newtonsoft.Json.Linq.JTokenType.String, o.Fields["id"]!.Type);
        });
        var page = await client.GetAsync(new ITopGetRequest("Organization", ITopKey.Query(Oql.Select("Organization").Build()), ["id"], Limit: 1, Page: 1));
        Assert.Equal(all.TotalCount, page.TotalCount);
        Assert.Single(page.Objects);
        var byId = await client.GetAsync(new ITopGetRequest("Organization", ITopKey.Id(all.Objects[0].Key), ["name"]));
        Assert.Equal(all.Objects[0].GetString("name"), byId.Objects.Single().GetString("name"));
    }

    public static async Task AnswersNothingAsAnEmptyResult(IITopClient client)
    {
        var none = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(999_999_999), ["id"]));
        Assert.Equal(0, none.TotalCount);
        Assert.Empty(none.Objects);
        var past = await client.GetAsync(new ITopGetRequest("Organization", ITopKey.Query(Oql.Select("Organization").Build()), ["id"], Limit: 5, Page: 10_000));
        Assert.Empty(past.Objects);
        Assert.True(past.TotalCount > 0);
    }

    public static async Task RefusesUnknownClassesAndAttributesWithCode100(IITopClient client)
    {
        var unknownClass = await Assert.ThrowsAsync<ITopException>(() => client.GetAsync(new ITopGetRequest("UserRequestX", ITopKey.Id(1), ["id"])));
        Assert.Equal(100, unknownClass.Code);
        Assert.Contains("UserRequestX", unknownClass.ITopMessage);
        var unknownField = await Assert.ThrowsAsync<ITopException>(() => client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(1), ["id", "nope"])));
        Assert.Equal("Error: output_fields: invalid attribute code 'nope'", unknownField.ITopMessage);
    }

    public static async Task RefusesABadPasswordWithCode1(ITopClientOptions options)
    {
        using var client = new ITopClient(options with { Password = options.Password + "-wrong" });
        var error = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => client.ListOperationsAsync());
        Assert.Equal(1, error.Code);
        Assert.Equal("Error: Invalid login", error.ITopMessage);
        Assert.DoesNotContain(options.Password!, error.Message);
    }

    public static async Task RefusesAnInvalidStimulus(IITopClient client)
    {
        var tickets = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Where("status", "=", "closed").Build()), ["id", "ref"], Limit: 1, Page: 1));
        if (tickets.Objects.Count == 0) return;
        var ticket = tickets.Objects[0];
        var error = await Assert.ThrowsAsync<ITopException>(() => client.ApplyStimulusAsync(
            new ITopStimulus("UserRequest", ITopKey.Id(ticket.Key), "ev_assign", new ITopFields(), "Test de contrat (refusé)", ["id"])));
        Assert.Equal(100, error.Code);
        Assert.Equal($"Invalid stimulus: 'ev_assign' on the object {ticket.GetString("ref")} in state 'closed'", error.ITopMessage);
    }
}
