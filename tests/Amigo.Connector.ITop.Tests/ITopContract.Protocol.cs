namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// The behaviours of the recordings the client relies on, asserted against the simulation and against a real iTop
/// alike. Names used here exist in both: the simulation's demo seed and the lab (tests/itop-lab) share the
/// Toulouse organization, its caller Élodie Durand, HELPDESK, the TLS platform and its agent Sébastien Dupont.
/// Tests that write create their own tickets.
/// </summary>
public static partial class ITopContract
{
    private const string Toulouse = "Académie de Toulouse";
    private const string CallerEmail = "elodie.durand@ac-toulouse.fr";
    private const string AgentEmail = "sebastien.dupont@ac-toulouse.fr";
    private const string TlsTeam = "DSI Plateforme Assistance TLS";
    private static readonly Regex ITopDate = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", RegexOptions.CultureInvariant);

    private static Dictionary<string, string> Form(string user, string password, string? jsonData) =>
        jsonData is null
            ? new() { ["auth_user"] = user, ["auth_pwd"] = password }
            : new() { ["auth_user"] = user, ["auth_pwd"] = password, ["json_data"] = jsonData };

    private const string ListOperations = """{"operation":"list_operations"}""";

    /// <summary>Recordings 9-14, 18: form fields or an HTTP Basic header; anything else is code 1 "Invalid login".</summary>
    public static async Task AuthenticatesWithFormFieldsOrABasicHeader(ITopContractTarget target)
    {
        using (var basic = target.CreateClient(o => o with { AuthMode = ITopAuthMode.Basic }))
            Assert.Equal(7, (await basic.ListOperationsAsync()).Count);

        using var raw = target.Raw();
        var byBasic = await raw.PostAsync("version=1.4", new Dictionary<string, string> { ["json_data"] = ListOperations }, (target.User, target.Password));
        Assert.Equal((200, 0, "Operations: 7"), (byBasic.Status, byBasic.Code, byBasic.Message));

        var refused = new List<RawAnswer>
        {
            await raw.PostAsync("version=1.4", new Dictionary<string, string> { ["json_data"] = ListOperations }),
            await raw.PostAsync("version=1.4", new Dictionary<string, string> { ["json_data"] = ListOperations }, (target.User, target.Password + "-wrong")),
            await raw.PostAsync("version=1.4", new Dictionary<string, string> { ["auth_user"] = target.User, ["json_data"] = ListOperations }),
            await raw.PostAsync("version=1.4", Form("nobody-" + Guid.NewGuid().ToString("N"), "x", ListOperations)),
        };
        // Credentials in a GET query string are not read (the "url" login mode is not enabled).
        using (var get = new HttpRequestMessage(HttpMethod.Get, target.Options.Url.TrimEnd('/') + "/webservices/rest.php?version=1.4&auth_user="
                   + Uri.EscapeDataString(target.User) + "&auth_pwd=" + Uri.EscapeDataString(target.Password) + "&json_data=" + Uri.EscapeDataString(ListOperations)))
            refused.Add(await raw.SendAsync(get));
        Assert.All(refused, answer => Assert.Equal((200, 1, "Error: Invalid login"), (answer.Status, answer.Code, answer.Message)));
    }

    /// <summary>Recording 17: a valid account without the REST Services User profile gets code 1 with its own message.</summary>
    public static async Task RefusesAnAccountWithoutTheRestProfile(ITopContractTarget target)
    {
        using var client = target.CreateClient(o => o with { User = target.NoRestUser, Password = target.NoRestPassword });
        var error = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => client.ListOperationsAsync());
        Assert.Equal(1, error.Code);
        Assert.Equal("Error: This user is not authorized to use the web services. (The profile REST Services User is required to access the REST web services)", error.ITopMessage);
    }

    /// <summary>Recordings 4, 5, 20-23, 38, 80: every protocol error has its code, always with HTTP 200, in this order of checks.</summary>
    public static async Task AnswersEachProtocolErrorWithItsCode(ITopContractTarget target)
    {
        using var raw = target.Raw();
        var (user, pwd) = (target.User, target.Password);
        var cases = new (RawAnswer Answer, int Code, string Message)[]
        {
            (await raw.PostAsync(null, Form(user, pwd, ListOperations)), 2, "Error: Missing parameter 'version' (e.g. '1.0')"),
            (await raw.PostAsync("version=1.4", Form(user, pwd, null)), 3, "Error: Missing parameter 'json_data'"),
            (await raw.PostAsync("version=1.4", Form(user, pwd, "{not json")), 4, "Error: Parameter json_data is not a valid JSON structure"),
            (await raw.PostAsync("version=1.5", Form(user, pwd, ListOperations)), 10, "Error: There is no service available for version '1.5'"),
            (await raw.PostAsync("version=1.4", Form(user, pwd, """{"operation":"core/explode"}""")), 11, "Error: Unknown verb 'core/explode' in version '1.4'"),
            (await raw.CallAsync(user, pwd, new { operation = "core/get", @class = "Organization", key = "SELECT Organization", output_fields = "id", limit = 5, page = 0 }),
                13, "The request page number is not valid. It must be an integer greater than 0"),
            (await raw.CallAsync(user, pwd, new { @class = "Organization" }), 100, "Error: Missing parameter 'operation'"),
            (await raw.CallAsync(user, pwd, new { operation = "core/create", @class = "UserRequest", fields = new { title = "x" } }), 100, "Error: Missing parameter 'comment'"),
            (await raw.CallAsync(user, pwd, new { operation = "core/get", @class = "UserRequest", output_fields = "id" }), 100, "Error: Missing parameter 'key'"),
            // Authentication is checked before the version: a wrong password with version 1.5 is still code 1.
            (await raw.PostAsync("version=1.5", Form(user, pwd + "-wrong", ListOperations)), 1, "Error: Invalid login"),
        };
        Assert.All(cases, c => Assert.Equal((200, c.Code, c.Message), (c.Answer.Status, c.Answer.Code, c.Answer.Message)));
        // Versions 1.0 to 1.4 are all accepted.
        foreach (var version in new[] { "1.0", "1.3", "1.4" })
            Assert.Equal(0, (await raw.PostAsync("version=" + version, Form(user, pwd, ListOperations))).Code);
    }

    /// <summary>Recordings 42, 43: a read that matches nothing is code 0, "Found: 0" and <c>objects: null</c> (not <c>{}</c>).</summary>
    public static async Task AnswersNoMatchWithNullObjects(ITopContractTarget target)
    {
        using var raw = target.Raw();
        foreach (object key in new object[] { 999_999_999, "SELECT UserRequest WHERE title = 'aucun ticket ne porte ce titre'", new Dictionary<string, string> { ["name"] = "Équipe qui n'existe pas" } })
        {
            var answer = await raw.CallAsync(target.User, target.Password, new { operation = "core/get", @class = key is Dictionary<string, string> ? "Team" : "UserRequest", key, output_fields = "id" });
            Assert.Equal((0, "Found: 0", JsonValueKind.Null), (answer.Code, answer.Message, answer.ObjectsKind));
        }
    }

    /// <summary>Recordings 35-40: with limit/page, "Found: N" is the total; pages do not overlap; a page past the end is empty.</summary>
    public static async Task PagesWithTheTotalInFound(IITopClient client)
    {
        var query = ITopKey.Query(Oql.Select("Person").Build());
        var all = await client.GetAsync(new ITopGetRequest("Person", query, ["id"]));
        Assert.True(all.TotalCount >= 4, "the contract needs at least four persons");
        var first = await client.GetAsync(new ITopGetRequest("Person", query, ["id"], Limit: 2, Page: 1));
        var second = await client.GetAsync(new ITopGetRequest("Person", query, ["id"], Limit: 2, Page: 2));
        var beyond = await client.GetAsync(new ITopGetRequest("Person", query, ["id"], Limit: 2, Page: 999));
        Assert.Equal([all.TotalCount, all.TotalCount, all.TotalCount], new[] { first.TotalCount, second.TotalCount, beyond.TotalCount });
        Assert.Equal(all.Objects.Count, all.TotalCount);
        Assert.Equal(2, first.Objects.Count);
        Assert.Equal(2, second.Objects.Count);
        Assert.Empty(first.Objects.Select(o => o.Key).Intersect(second.Objects.Select(o => o.Key)));
        Assert.Empty(beyond.Objects);
    }

    /// <summary>Recordings 28, 58, 67, 74, 116: search specifications as keys, and the connector's refusals on accounts and deletes.</summary>
    public static async Task ResolvesSearchSpecificationKeys(IITopClient client)
    {
        var helpdesk = await client.GetAsync(new ITopGetRequest("Team", ITopKey.Search(new Dictionary<string, object?> { ["name"] = "HELPDESK" }), ["id", "name", "org_id_friendlyname"]));
        var team = Assert.Single(helpdesk.Objects);
        Assert.Equal(("HELPDESK", Toulouse, 1), (team.GetString("name"), team.GetString("org_id_friendlyname"), helpdesk.TotalCount));

        var agent = await client.GetAsync(new ITopGetRequest("Person", ITopKey.Search(new Dictionary<string, object?> { ["email"] = AgentEmail }), ["id", "friendlyname", "org_id"]));
        Assert.Equal("Sébastien Dupont", Assert.Single(agent.Objects).GetString("friendlyname"));

        var notFound = await Assert.ThrowsAsync<ITopException>(() => client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields()
            .SetKey("org_id", ITopKey.Search(new Dictionary<string, object?> { ["name"] = "Académie de Lyon" }))
            .SetKey("caller_id", ITopKey.Search(new Dictionary<string, object?> { ["email"] = CallerEmail }))
            .Set("title", "Test de contrat (refusé)").Set("description", "Organisation inconnue"), "Test de contrat", ["id"])));
        Assert.Equal((100, "Error: org_id: No item found with criteria: name: Académie de Lyon (Académie de Lyon)"), (notFound.Code, notFound.ITopMessage));

        var accounts = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => client.GetAsync(new ITopGetRequest("UserLocal", ITopKey.Query(Oql.Select("UserLocal").Build()), ["id", "login"])));
        Assert.Equal("The current user does not have enough permissions for reading data of class UserLocal", accounts.ITopMessage);
    }

    private static ITopKey ByName(string name) => ITopKey.Search(new Dictionary<string, object?> { ["name"] = name });

    private static ITopKey ByEmail(string email) => ITopKey.Search(new Dictionary<string, object?> { ["email"] = email });

    private static Task<ITopObject> CreateTicketAsync(IITopClient client, string title, string? description = null) =>
        client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields()
                .SetKey("org_id", ByName(Toulouse))
                .SetKey("caller_id", ByEmail(CallerEmail))
                .Set("title", title)
                .Set("description", description ?? "Ticket créé par les tests de contrat.")
                .AppendToLog("public_log", "Ticket ouvert par les tests de contrat."),
            "Test de contrat", ["id", "ref", "status", "team_id", "agent_id", "start_date", "last_update", "resolution_date", "close_date"]));

    /// <summary>
    /// Recordings 70, 95, 100-108, 112, 54: a ticket through the stock lifecycle; <c>ev_pending</c> needs
    /// <c>pending_reason</c>, <c>ev_resolve</c> needs <c>solution</c>; a stimulus invalid in the state is code 100;
    /// dates are iTop's local wall-clock time without offset; reopening keeps the resolution date.
    /// </summary>
    public static async Task TakesATicketThroughTheLifecycle(IITopClient client, Func<DateTimeOffset> now)
    {
        var created = await CreateTicketAsync(client, "Test de contrat : cycle de vie");
        var reference = created.GetString("ref")!;
        Assert.Matches(@"^R-\d{6}$", reference);
        Assert.Equal(("new", "0", "0", "", ""), (created.GetString("status"), created.GetString("team_id"), created.GetString("agent_id"),
            created.GetString("resolution_date"), created.GetString("close_date")));
        AssertLocalNow(client, created.GetString("start_date"), now);
        AssertLocalNow(client, created.GetString("last_update"), now);
        var key = ITopKey.Id(created.Key);

        Task<ITopObject> Apply(string stimulus, ITopFields fields) =>
            client.ApplyStimulusAsync(new ITopStimulus("UserRequest", key, stimulus, fields, "Test de contrat : " + stimulus,
                ["id", "status", "team_id_friendlyname", "agent_id_friendlyname", "assignment_date", "resolution_date", "pending_reason"]));

        var invalid = await Assert.ThrowsAsync<ITopException>(() => Apply("ev_close", new ITopFields()));
        Assert.Equal((100, $"Invalid stimulus: 'ev_close' on the object {reference} in state 'new'"), (invalid.Code, invalid.ITopMessage));

        var assigned = await Apply("ev_assign", new ITopFields().SetKey("team_id", ByName(TlsTeam)).SetKey("agent_id", ByEmail(AgentEmail)));
        Assert.Equal(("assigned", TlsTeam, "Sébastien Dupont"), (assigned.GetString("status"), assigned.GetString("team_id_friendlyname"), assigned.GetString("agent_id_friendlyname")));
        AssertLocalNow(client, assigned.GetString("assignment_date"), now);

        var noReason = await Assert.ThrowsAsync<ITopException>(() => Apply("ev_pending", new ITopFields()));
        Assert.Equal((100, "Missing mandatory attribute(s) for applying the stimulus: pending_reason."), (noReason.Code, noReason.ITopMessage));
        var pending = await Apply("ev_pending", new ITopFields().Set("pending_reason", "En attente du demandeur."));
        Assert.Equal("pending", pending.GetString("status"));
        Assert.Equal("assigned", (await Apply("ev_assign", new ITopFields())).GetString("status"));

        var noSolution = await Assert.ThrowsAsync<ITopException>(() => Apply("ev_resolve", new ITopFields()));
        Assert.Equal((100, "Missing mandatory attribute(s) for applying the stimulus: solution."), (noSolution.Code, noSolution.ITopMessage));
        var resolved = await Apply("ev_resolve", new ITopFields().Set("solution", "Résolu par les tests de contrat.").Set("resolution_code", "assistance"));
        Assert.Equal("resolved", resolved.GetString("status"));
        var resolutionDate = resolved.GetString("resolution_date");
        AssertLocalNow(client, resolutionDate, now);

        var reopened = await Apply("ev_reopen", new ITopFields().AppendToLog("public_log", "Le problème persiste."));
        Assert.Equal(("assigned", resolutionDate), (reopened.GetString("status"), reopened.GetString("resolution_date")));
    }

    private static void AssertLocalNow(IITopClient client, string? text, Func<DateTimeOffset> now)
    {
        Assert.NotNull(text);
        Assert.Matches(ITopDate, text);
        var instant = client.TimeZone.ParseInstant(text)!.Value;
        // iTop writes its own local wall-clock time (Europe/Paris in the lab), so read in that zone it is "now".
        Assert.InRange(instant, now().AddMinutes(-5), now().AddMinutes(5));
    }

    /// <summary>
    /// Recordings 83-85, 94, 122, 123: a plain string and <c>add_item</c> both append, in order; <c>items</c> replaces
    /// the whole log (which the client never sends).
    /// </summary>
    public static async Task AppendsToCaseLogsAndReplacesOnlyWithItems(ITopContractTarget target, IITopClient client)
    {
        var created = await CreateTicketAsync(client, "Test de contrat : journaux");
        await client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(created.Key), new ITopFields()
            .AppendToLog("public_log", "Deuxième entrée (add_item).").AppendToLog("private_log", "Note interne."), "Test de contrat : journal", ["id"]));
        using var raw = target.Raw();
        var plain = await raw.CallAsync(target.User, target.Password, new
        {
            operation = "core/update", comment = "Test de contrat : journal", @class = "UserRequest", key = created.Key, output_fields = "id,public_log",
            fields = new { public_log = "Troisième entrée (texte simple)." },
        });
        Assert.Equal(0, plain.Code);
        var entries = plain.Single().GetProperty("fields").GetProperty("public_log").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(["Ticket ouvert par les tests de contrat.", "Deuxième entrée (add_item).", "Troisième entrée (texte simple)."],
            entries.Select(e => e.GetProperty("message").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal(target.User, e.GetProperty("user_login").GetString());
            Assert.Matches(ITopDate, e.GetProperty("date").GetString()!);
            Assert.Equal(JsonValueKind.String, e.GetProperty("user_id").ValueKind);
        });
        // A plain string is stored as HTML, add_item "text" as text.
        Assert.Equal("<p>Troisième entrée (texte simple).</p>", entries[2].GetProperty("message_html").GetString());
        Assert.Equal("Deuxième entrée (add_item).", entries[1].GetProperty("message_html").GetString());

        var read = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(created.Key), ["public_log", "private_log"]));
        var privateLog = (JObject)read.Objects.Single().Fields["private_log"]!;
        Assert.Equal("Note interne.", (string?)privateLog["entries"]![0]!["message"]);

        var replaced = await raw.CallAsync(target.User, target.Password, new
        {
            operation = "core/update", comment = "Test de contrat : journal remplacé", @class = "UserRequest", key = created.Key, output_fields = "id,public_log",
            fields = new { public_log = new { items = new object[] { new { message = "Journal réécrit.", format = "text", date = "2026-02-01 08:00:00" } } } },
        });
        var left = replaced.Single().GetProperty("fields").GetProperty("public_log").GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(("Journal réécrit.", "2026-02-01 08:00:00"), (Assert.Single(left).GetProperty("message").GetString(), left[0].GetProperty("date").GetString()));
    }

    /// <summary>Recordings 90, 116: a key matching several objects is code 100 on writes; the connector may not delete.</summary>
    public static async Task RefusesAmbiguousWriteKeysAndDeletes(IITopClient client)
    {
        var marker = "Test de contrat : clé ambiguë " + Guid.NewGuid().ToString("N")[..8];
        var first = await CreateTicketAsync(client, marker);
        await CreateTicketAsync(client, marker);
        var query = Oql.Select("UserRequest").Where("title", "=", marker).Build();
        var several = await Assert.ThrowsAsync<ITopException>(() => client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Query(query),
            new ITopFields().Set("title", marker + " (modifié)"), "Test de contrat", ["id"])));
        Assert.Equal((100, $"Error: Several items found (2) for query: {query.Text}"), (several.Code, several.ITopMessage));

        var delete = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => client.DeleteAsync("UserRequest", ITopKey.Id(first.Key), "Test de contrat", simulate: true));
        Assert.Equal("The current user does not have enough permissions for deleting data of class UserRequest", delete.ITopMessage);
    }

    /// <summary>Recordings 117, 118: <c>description</c> is a 64 KB column; bigger is code 100 "String too long".</summary>
    public static async Task LimitsTheDescriptionTo64KB(IITopClient client)
    {
        var fits = await CreateTicketAsync(client, "Test de contrat : description de 60 000 caractères", new string('a', 60_000));
        var read = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(fits.Key), ["description"]));
        Assert.Contains(new string('a', 60_000), read.Objects.Single().GetString("description"), StringComparison.Ordinal);

        var tooLong = await Assert.ThrowsAsync<ITopException>(() => CreateTicketAsync(client, "Test de contrat : description trop longue", new string('a', 200_000)));
        Assert.Equal(100, tooLong.Code);
        Assert.Contains("String too long (found ", tooLong.ITopMessage, StringComparison.Ordinal);
        Assert.Contains(", limited to 65535)", tooLong.ITopMessage, StringComparison.Ordinal);
        Assert.StartsWith("Error: ", tooLong.ITopMessage, StringComparison.Ordinal);
    }

    /// <summary>
    /// Found on the lab, beyond the recordings: the 64 KB limit applies to the stored HTML (a text is wrapped in
    /// <c>&lt;p&gt;…&lt;/p&gt;</c> and escaped first) counted in characters, while MariaDB's TEXT column holds 65,535
    /// bytes: accented text under iTop's limit is refused by MariaDB (code 1406 on a create, the errno as code). A
    /// create refused while writing still takes a ref number. Titles are limited to 255 characters.
    /// </summary>
    public static async Task CountsTheDescriptionLimitOnTheStoredHtml(IITopClient client)
    {
        var fits = await CreateTicketAsync(client, "Test de contrat : 65 528 caractères", new string('a', 65_528));
        var refused = await Assert.ThrowsAsync<ITopException>(() => CreateTicketAsync(client, "Test de contrat : 65 529 caractères", new string('a', 65_529)));
        Assert.Equal(100, refused.Code);
        Assert.Contains("String too long (found 65536, limited to 65535)", refused.ITopMessage, StringComparison.Ordinal);
        var next = await CreateTicketAsync(client, "Test de contrat : après un refus");
        Assert.Equal(RefNumber(fits) + 2, RefNumber(next));
        Assert.Equal(fits.Key + 1, next.Key);

        var bytes = await Assert.ThrowsAsync<ITopException>(() => CreateTicketAsync(client, "Test de contrat : 40 000 é", new string('é', 40_000)));
        Assert.Equal(1406, bytes.Code);
        Assert.StartsWith("Error: Failed to issue SQL query: ", bytes.ITopMessage, StringComparison.Ordinal);
        Assert.EndsWith("mysql_errno = 1406, mysql_error = Data too long for column 'description' at row 1", bytes.ITopMessage, StringComparison.Ordinal);
        Assert.Contains("code 1406 (database error)", bytes.Message, StringComparison.Ordinal);
        Assert.InRange(bytes.Message.Length, 0, 1_200);
        var onUpdate = await Assert.ThrowsAsync<ITopException>(() => client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(next.Key),
            new ITopFields().Set("description", new string('é', 40_000)), "Test de contrat", ["id"])));
        Assert.Equal(100, onUpdate.Code);
        Assert.Contains("mysql_errno = 1406, mysql_error = Data too long for column 'description' at row 1", onUpdate.ITopMessage, StringComparison.Ordinal);

        var title = await Assert.ThrowsAsync<ITopException>(() => CreateTicketAsync(client, new string('t', 256)));
        Assert.Equal(100, title.Code);
        Assert.Contains("Valeur de l'attribut incorrecte 'Titre' (title) : String too long (found 256, limited to 255)", title.ITopMessage, StringComparison.Ordinal);
        var accented = await CreateTicketAsync(client, new string('é', 255));
        Assert.Equal(new string('é', 255), (await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(accented.Key), ["title"]))).Objects.Single().GetString("title"));

        var text = await CreateTicketAsync(client, "Test de contrat : description en texte", "1 & 2 < 3\nfin");
        Assert.Equal("<p>1 &amp; 2 &lt; 3\nfin</p>", (await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(text.Key), ["description"]))).Objects.Single().GetString("description"));
    }

    private static int RefNumber(ITopObject ticket) => int.Parse(ticket.GetString("ref")!.AsSpan(2), CultureInfo.InvariantCulture);

    /// <summary>Recordings 24, 29: ids, external keys and enums are strings; an empty external key is "0", an empty date "".</summary>
    public static async Task TypesFieldsLikeITop(IITopClient client)
    {
        var created = await CreateTicketAsync(client, "Test de contrat : types des champs");
        var read = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(created.Key),
            ["id", "ref", "org_id", "caller_id", "caller_id_friendlyname", "team_id", "agent_id", "urgency", "status", "resolution_date", "start_date", "public_log"]));
        var o = read.Objects.Single();
        foreach (var name in new[] { "id", "org_id", "caller_id", "team_id", "agent_id", "urgency", "status", "resolution_date", "start_date" })
            Assert.Equal(JTokenType.String, o.Fields[name]!.Type);
        Assert.Equal(created.Key.ToString(CultureInfo.InvariantCulture), o.GetString("id"));
        Assert.Equal(("0", "", "Élodie Durand"), (o.GetString("agent_id"), o.GetString("resolution_date"), o.GetString("caller_id_friendlyname")));
        Assert.Equal(JTokenType.Object, o.Fields["public_log"]!.Type);
        // "*" does not include id.
        var star = await client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(created.Key), ["*"]));
        Assert.False(star.Objects.Single().Fields.ContainsKey("id"));
    }
}
