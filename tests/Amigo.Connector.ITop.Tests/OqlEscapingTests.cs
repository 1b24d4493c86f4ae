namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// OQL string literals against iTop's own lexer rule (core/oql/oql-lexer.plex, strval: a quote or a backslash inside
/// single quotes must be preceded by a backslash) and its parser (str_value: stripslashes of the inner text).
/// </summary>
public sealed class OqlEscapingTests
{
    // iTop's strval rule for single-quoted strings, written as a .NET regex.
    private static readonly Regex ITopStrval = new(@"\G'(?:[^\\']|\\'|\\\\)*'", RegexOptions.Singleline | RegexOptions.CultureInvariant);

    public static IEnumerable<object[]> Hostile() => new[]
    {
        "O'Reilly", @"\", @"\'", "' OR 1=1 --", "') OR ('1'='1", "\") OR (", @"a\' OR 1=1 --", "x' AND status != 'closed",
        "line1\nline2\r\n'", "é à ü ç « » 漢字 😀", "%", "_", "", "'; DROP TABLE ticket; --", @"\\' OR '", "NOW()", "'+'", "\t'\t",
        "SELECT Person", "\u2019 typographic apostrophe", @"C:\temp\", "''''", @"\\\\",
    }.Select(s => new object[] { s });

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Literal_is_one_iTop_string_token_that_reads_back_as_the_value(string value)
    {
        var literal = Oql.Literal(value);
        var match = ITopStrval.Match(literal);
        Assert.True(match.Success, literal);
        Assert.Equal(literal.Length, match.Length);
        Assert.Equal(value, StripSlashes(literal[1..^1]));
    }

    [Theory]
    [MemberData(nameof(Hostile))]
    public void Hostile_value_cannot_leave_its_condition(string value)
    {
        var query = Oql.Select("UserRequest").Where("title", "=", value).Where("status", "=", "new").Build().Text;
        const string prefix = "SELECT UserRequest WHERE title = ";
        Assert.StartsWith(prefix, query);
        var literal = ITopStrval.Match(query, prefix.Length);
        Assert.True(literal.Success);
        Assert.Equal(" AND status = 'new'", query[(prefix.Length + literal.Length)..]);
    }

    [Fact]
    public async Task Hostile_titles_match_only_themselves_in_the_simulated_iTop()
    {
        using var sim = ITopSimulation.Start();
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        var values = Hostile().Select(o => (string)o[0]).Where(v => v.Length > 0).ToList();
        var ids = values.ToDictionary(v => v, v => sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = v }));
        using var client = sim.CreateClient();
        foreach (var value in values)
        {
            var result = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Where("title", "=", value).Build()), ["id", "title"]));
            Assert.Equal([ids[value]], result.Objects.Select(o => o.Key));
            Assert.Equal(value, result.Objects[0].GetString("title"));
        }
        var injection = await client.GetAsync(new ITopGetRequest("UserRequest",
            ITopKey.Query(Oql.Select("UserRequest").Where("title", "=", "nothing' OR title != 'x").Build()), ["id"]));
        Assert.Empty(injection.Objects);
    }

    [Fact]
    public async Task Contains_keeps_percent_and_underscore_literal()
    {
        using var sim = ITopSimulation.Start();
        var org = sim.Store.AddOrganization("Académie de Toulouse");
        var exact = sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = "Remise 50%_web" });
        sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = "Remise 50 pour cent web" });
        sim.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Title = "Remise 50%Xweb" });
        using var client = sim.CreateClient();
        var found = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Query(Oql.Select("UserRequest").WhereContains("title", "50%_").Build()), ["id"]));
        Assert.Equal([exact], found.Objects.Select(o => o.Key));
    }

    [Fact]
    public void Names_that_could_change_the_query_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Oql.Select("UserRequest WHERE 1=1"));
        Assert.Throws<ArgumentException>(() => Oql.Select("UserRequest").Where("title = 'x' OR title", "=", "y"));
        Assert.Throws<ArgumentException>(() => Oql.Select("UserRequest").Where("title", "= 'x' OR title =", "y"));
        Assert.Throws<ArgumentException>(() => Oql.Select("UserRequest").WhereIn("status) OR (1", ["new"]));
        Assert.Throws<ArgumentException>(() => Oql.Literal("a\0b"));
        Assert.Throws<ArgumentException>(() => Oql.Literal(DateTime.Now));
    }

    [Fact]
    public void Builder_reproduces_the_recorded_queries()
    {
        // Recordings 29, 33, 35, 42, 47, 126: what the connector sends is the same query text, modulo spacing.
        Assert.Equal(RecordingReplay.NormalizeOql((string)Recording.Get("29-get_resolved_oql_fields").JsonData!["key"]!),
            RecordingReplay.NormalizeOql(Oql.Select("UserRequest").Where("status", "=", "resolved").Build().Text));
        Assert.Equal(RecordingReplay.NormalizeOql((string)Recording.Get("33-get_oql_by_team_and_status").JsonData!["key"]!),
            RecordingReplay.NormalizeOql(Oql.Select("UserRequest").Where("team_id_friendlyname", "=", "DSI Plateforme Assistance TLS")
                .WhereIn("status", ["assigned", "pending"]).Build().Text));
        Assert.Equal((string)Recording.Get("35-get_limit_page1").JsonData!["key"]!, Oql.Select("UserRequest").Build().Text);
        Assert.Equal(RecordingReplay.NormalizeOql((string)Recording.Get("42-get_zero_objects").JsonData!["key"]!),
            RecordingReplay.NormalizeOql(Oql.Select("UserRequest").Where("title", "=", "n existe pas").Build().Text));
        Assert.Equal((string)Recording.Get("47-get_oql_class_mismatch").JsonData!["key"]!, Oql.Select("Person").Build().Text);
        Assert.Equal((string)Recording.Get("126-get_oql_like_accent").JsonData!["key"]!, Oql.Select("UserRequest").WhereContains("title", "accès").Build().Text);
    }

    [Fact]
    public void Empty_sets_keep_their_meaning()
    {
        Assert.Equal("SELECT UserRequest WHERE 1 = 0", Oql.Select("UserRequest").WhereIn("status", []).Build().Text);
        Assert.Equal("SELECT UserRequest WHERE 1 = 1", Oql.Select("UserRequest").WhereNotIn("status", []).Build().Text);
    }

    private static string StripSlashes(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length) builder.Append(text[++i]);
            else if (text[i] != '\\') builder.Append(text[i]);
        }
        return builder.ToString();
    }
}
