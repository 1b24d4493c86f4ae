namespace Amigo.Connector.ITop.Tests;

/// <summary>Stock lifecycle through stimuli and append-only case logs, against the stateful simulation.</summary>
public sealed class LifecycleAndCaseLogTests : IDisposable
{
    private static readonly string[] Out = ["id", "ref", "status", "team_id", "agent_id", "assignment_date", "resolution_date", "close_date", "last_pending_date", "last_update", "pending_reason"];
    private readonly ITopSimulation _sim = ITopSimulation.Start();
    private readonly ITopClient _client;
    private readonly ITopDemoData _demo;

    public LifecycleAndCaseLogTests()
    {
        _demo = ITopSimulationSeed.Academies(_sim.Store);
        _client = _sim.CreateClient();
    }

    [Fact]
    public async Task Ticket_goes_through_the_stock_lifecycle_with_dates_and_mandatory_fields()
    {
        var ticket = await Create();
        Assert.Equal("R-000001", ticket.GetString("ref"));

        var closeOnNew = await Assert.ThrowsAsync<ITopException>(() => Stimulus(ticket.Key, "ev_close", new ITopFields()));
        Assert.Equal("Invalid stimulus: 'ev_close' on the object R-000001 in state 'new'", closeOnNew.ITopMessage);

        _sim.Clock.Advance(TimeSpan.FromMinutes(10));
        var assigned = await Stimulus(ticket.Key, "ev_assign", new ITopFields().Set("team_id", _demo.TlsTeam).Set("agent_id", _demo.AgentSebastien));
        Assert.Equal("assigned", assigned.GetString("status"));
        Assert.Equal("2026-11-23 10:10:00", assigned.GetString("assignment_date"));

        var noReason = await Assert.ThrowsAsync<ITopException>(() => Stimulus(ticket.Key, "ev_pending", new ITopFields()));
        Assert.Equal("Missing mandatory attribute(s) for applying the stimulus: pending_reason.", noReason.ITopMessage);
        _sim.Clock.Advance(TimeSpan.FromMinutes(5));
        var pending = await Stimulus(ticket.Key, "ev_pending", new ITopFields().Set("pending_reason", "En attente du retour de l'utilisateur."));
        Assert.Equal(("pending", "2026-11-23 10:15:00"), (pending.GetString("status"), pending.GetString("last_pending_date")));

        await Stimulus(ticket.Key, "ev_assign", new ITopFields());
        var noSolution = await Assert.ThrowsAsync<ITopException>(() => Stimulus(ticket.Key, "ev_resolve", new ITopFields()));
        Assert.Equal("Missing mandatory attribute(s) for applying the stimulus: solution.", noSolution.ITopMessage);
        _sim.Clock.Advance(TimeSpan.FromHours(1));
        var resolved = await Stimulus(ticket.Key, "ev_resolve", new ITopFields().Set("solution", "Cache vidé.").Set("resolution_code", "assistance"));
        Assert.Equal(("resolved", "2026-11-23 11:15:00"), (resolved.GetString("status"), resolved.GetString("resolution_date")));

        var reopened = await Stimulus(ticket.Key, "ev_reopen", new ITopFields().AppendToLog("public_log", "Le problème persiste."));
        Assert.Equal(("assigned", "2026-11-23 11:15:00"), (reopened.GetString("status"), reopened.GetString("resolution_date")));
        await Stimulus(ticket.Key, "ev_resolve", new ITopFields());
        _sim.Clock.Advance(TimeSpan.FromDays(1));
        var closed = await Stimulus(ticket.Key, "ev_close", new ITopFields());
        Assert.Equal(("closed", "2026-11-24 11:15:00"), (closed.GetString("status"), closed.GetString("close_date")));
        Assert.Equal("2026-11-24 11:15:00", closed.GetString("last_update"));

        var onClosed = await Assert.ThrowsAsync<ITopException>(() => Stimulus(ticket.Key, "ev_reopen", new ITopFields()));
        Assert.Equal("Invalid stimulus: 'ev_reopen' on the object R-000001 in state 'closed'", onClosed.ITopMessage);
        Assert.All(_sim.Calls.Where(c => (string?)c["operation"] != "core/get"), c => Assert.False(string.IsNullOrWhiteSpace((string?)c["comment"])));
    }

    [Fact]
    public async Task Silent_refusal_is_an_error_not_a_success()
    {
        var ticket = await Create();
        _sim.RefuseNextWriteSilently();
        var error = await Assert.ThrowsAsync<ITopException>(() => Stimulus(ticket.Key, "ev_assign", new ITopFields()));
        Assert.Contains("silent refusal", error.Message);
        Assert.Equal("new", _sim.Store.GetField("UserRequest", ticket.Key, "status"));
    }

    [Fact]
    public async Task Case_log_entries_are_appended_never_replaced()
    {
        var ticket = await Create();
        _sim.Store.AppendCaseLog(ticket.Key, "public_log", "Entrée saisie dans la console.", new DateTime(2026, 11, 23, 9, 0, 0));
        await _client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(ticket.Key),
            new ITopFields().AppendToLog("public_log", "Bonjour, pouvez-vous préciser le navigateur ?").AppendToLog("private_log", "Note interne\nDeuxième ligne."),
            "Connecteur : message", ["id"]));
        await _client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(ticket.Key),
            new ITopFields().AppendToLog("public_log", "<p>Réponse <b>HTML</b></p>", CaseLogFormat.Html), "Connecteur : message", ["id"]));
        var read = (await _client.GetAsync(new ITopGetRequest("UserRequest", ITopKey.Id(ticket.Key), ["public_log", "private_log"]))).Objects.Single();
        var log = read.GetCaseLog("public_log");
        Assert.Equal(["Ticket ouvert depuis le connecteur.", "Entrée saisie dans la console.", "Bonjour, pouvez-vous préciser le navigateur ?", "Réponse HTML"], log.Select(e => e.Message));
        Assert.Equal("<p>Réponse <b>HTML</b></p>", log[3].MessageHtml);
        Assert.Equal("connector", log[2].UserLogin);
        Assert.Equal("Note interne<br/>Deuxième ligne.", read.GetCaseLog("private_log").Single().MessageHtml);
    }

    [Fact]
    public void A_case_log_cannot_be_written_as_a_value()
    {
        Assert.Throws<ArgumentException>(() => new ITopFields().Set("public_log", "écrase ?"));
        Assert.Throws<ArgumentException>(() => new ITopFields().Set("private_log", "écrase ?"));
        Assert.Throws<ArgumentException>(() => new ITopFields(["ac_journal"]).Set("ac_journal", "écrase ?"));
        Assert.Throws<ArgumentException>(() => new ITopFields().AppendToLog("public_log", "  "));
        Assert.Throws<ArgumentException>(() => new ITopFields().AppendToLog("title", "pas un journal"));
        var json = new ITopFields().AppendToLog("public_log", "x").ToJson();
        Assert.Equal("{\"public_log\":{\"add_item\":{\"message\":\"x\",\"format\":\"text\"}}}", json.ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public async Task A_ticket_status_is_never_written_directly()
    {
        // Recordings 78 and 93: iTop accepts it and skips the lifecycle (no close_date); the client refuses before sending.
        var ticket = await Create();
        await Assert.ThrowsAsync<ArgumentException>(() => _client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(ticket.Key),
            new ITopFields().Set("status", "closed"), "maj", ["id"])));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync(new ITopWrite("UserRequest", null,
            new ITopFields().Set("org_id", _demo.Toulouse).Set("title", "t").Set("description", "d").Set("status", "resolved"), "test", ["id"])));
        Assert.Equal("new", _sim.Store.GetField("UserRequest", ticket.Key, "status"));
        Assert.Single(_sim.CallLog);
    }

    [Fact]
    public async Task Writes_without_comment_are_refused_before_sending()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _client.CreateAsync(new ITopWrite("UserRequest", null, new ITopFields().Set("title", "x"), " ", ["id"])));
        await Assert.ThrowsAsync<ArgumentException>(() => _client.DeleteAsync("UserRequest", ITopKey.Id(1), "", simulate: true));
        Assert.Empty(_sim.CallLog);
    }

    [Fact]
    public async Task Simulation_answers_the_recorded_errors()
    {
        var ticket = await Create();
        var big = await Assert.ThrowsAsync<ITopException>(() => _client.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(ticket.Key),
            new ITopFields().Set("description", new string('é', 70_000)), "gros volume", ["id"])));
        // The real iTop counts the stored HTML: the text wrapped in <p>…</p> (checked on the lab).
        Assert.StartsWith("Error: Valeur de l'attribut incorrecte 'Description' (description) : String too long (found 70007, limited to 65535)", big.ITopMessage);
        var several = await Assert.ThrowsAsync<ITopException>(() => _client.CreateAsync(new ITopWrite("UserRequest", null,
            new ITopFields().SetKey("org_id", ITopKey.Search(new Dictionary<string, object?> { ["name"] = "Académie de Lyon" })).Set("title", "x").Set("description", "x"),
            "test", ["id"])));
        Assert.Equal("Error: org_id: No item found with criteria: name: Académie de Lyon (Académie de Lyon)", several.ITopMessage);
        var ambiguous = await Assert.ThrowsAsync<ITopException>(() => _client.UpdateAsync(new ITopWrite("Person",
            ITopKey.Query(Oql.Select("Person").Build()), new ITopFields().Set("function", "x"), "maj", ["id"])));
        Assert.StartsWith("Error: Several items found (", ambiguous.ITopMessage);
    }

    private Task<ITopObject> Create() => _client.CreateAsync(new ITopWrite("UserRequest", null,
        new ITopFields().Set("org_id", _demo.Toulouse).Set("caller_id", _demo.CallerElodie).Set("title", "Webmail : pièces jointes illisibles")
            .Set("description", "Les PDF s'ouvrent sur une page blanche.").AppendToLog("public_log", "Ticket ouvert depuis le connecteur."),
        "Créé par le connecteur", Out));

    private Task<ITopObject> Stimulus(long id, string stimulus, ITopFields fields) =>
        _client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), stimulus, fields, "Connecteur : " + stimulus, Out));

    public void Dispose()
    {
        _client.Dispose();
        _sim.Dispose();
    }
}
