namespace Amigo.Connector.ITop.Tests;

/// <summary>What the connector's OQL relies on, against the simulation's OQL subset and iTop's own OQL on MariaDB.</summary>
public static partial class ITopContract
{
    /// <summary>Values that try to leave their OQL string literal (see OqlEscapingTests), stored and read back through iTop.</summary>
    public static readonly string[] HostileTitles =
    [
        "O'Reilly", @"\", @"\'", "' OR 1=1 --", "') OR ('1'='1", "\") OR (", @"a\' OR 1=1 --", "x' AND status != 'closed",
        "é à ü ç « » 漢字 😀", "%", "_", "'; DROP TABLE ticket; --", @"\\' OR '", "NOW()", "'+'", "SELECT Person",
        "\u2019 typographic apostrophe", @"C:\temp\", "''''", @"\\\\",
    ];

    /// <summary>A title containing each hostile value is found by an equality on exactly that title, and reads back unchanged.</summary>
    public static async Task MatchesHostileTitlesOnlyThemselves(IITopClient client)
    {
        var marker = "Contrat OQL " + Guid.NewGuid().ToString("N")[..8] + " ";
        var ids = new Dictionary<string, long>();
        foreach (var value in HostileTitles)
            ids[value] = (await CreateTicketAsync(client, marker + value)).Key;
        foreach (var value in HostileTitles)
        {
            var found = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Where("title", "=", marker + value).Build()), ["id", "title"]));
            Assert.Equal([ids[value]], found.Objects.Select(o => o.Key));
            Assert.Equal(marker + value, found.Objects[0].GetString("title"));
        }
        var like = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").WhereContains("title", marker + "%").Build()), ["id"]));
        Assert.Equal([ids["%"]], like.Objects.Select(o => o.Key));
    }

    /// <summary>
    /// Recordings 33, 34, 41, 126, 127: comparisons ignore case and accents (MariaDB's collation), IN / NOT IN,
    /// external fields, id windows; UserRequests come back ordered by ref descending.
    /// </summary>
    public static async Task FiltersLikeMariaDb(IITopClient client)
    {
        var marker = "Contrat filtres " + Guid.NewGuid().ToString("N")[..8];
        var a = (await CreateTicketAsync(client, marker + " Élève")).Key;
        var b = (await CreateTicketAsync(client, marker + " eleve")).Key;
        var c = (await CreateTicketAsync(client, marker + " autre")).Key;

        async Task<long[]> Ids(OqlQuery query) =>
            [.. (await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(query), ["id"]))).Objects.Select(o => o.Key).Order()];

        Assert.Equal([a, b], await Ids(Oql.Select("UserRequest").Where("title", "=", marker + " ELEVE").Build()));
        Assert.Equal([a, b], await Ids(Oql.Select("UserRequest").Where("title", "LIKE", marker + " %lè%").Build()));
        Assert.Equal([a, c], await Ids(Oql.Select("UserRequest").WhereContains("title", marker).WhereIn("id", [a, c]).Build()));
        Assert.Equal([b], await Ids(Oql.Select("UserRequest").WhereContains("title", marker).WhereNotIn("id", [a, c]).Build()));
        Assert.Equal([b, c], await Ids(Oql.Select("UserRequest").WhereContains("title", marker).Where("id", ">", a).Where("id", "<=", c).Build()));
        Assert.Equal([a, b, c], await Ids(Oql.Select("UserRequest").WhereContains("title", marker).Where("org_name", "=", Toulouse).Where("caller_id_friendlyname", "=", "Élodie Durand").Build()));

        var ordered = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").WhereContains("title", marker).Build()), ["id", "ref"]));
        Assert.Equal([c, b, a], ordered.Objects.Select(o => o.Key));
    }
}
