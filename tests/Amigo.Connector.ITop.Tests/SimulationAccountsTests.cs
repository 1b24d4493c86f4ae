namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// User accounts in the simulation (UserExternal, URP_Profiles, profile_list links). The refusals are recordings 67 and
/// 79 (the connector's REST user has no rights on accounts); the rest follows iTop 3.2's REST services and
/// <c>User::DoCheckToWrite</c>, with the French messages of the recorded REST user.
/// </summary>
public sealed class SimulationAccountsTests : IDisposable
{
    // A REST user whose custom profile grants people and accounts (the grants stand for that profile).
    private static readonly ITopSimUser Bridge = new("bridge", "bridge-secret", "bridge", "20")
    {
        GrantedClasses = ["Person", "UserExternal", "URP_UserProfile", "URP_Profiles"],
    };

    private readonly ITopSimulation _sim = ITopSimulation.Start(new ITopSimulationOptions
    {
        Users = [ITopSimulationOptions.Connector, ITopSimulationOptions.Admin, ITopSimulationOptions.NoRest, Bridge],
    });
    private readonly HttpClient _http = new();

    public void Dispose()
    {
        _http.Dispose();
        _sim.Dispose();
    }

    private async Task<JObject> CallAsync(ITopSimUser user, object jsonData)
    {
        var form = new Dictionary<string, string>
        {
            ["auth_user"] = user.Login, ["auth_pwd"] = user.Password, ["json_data"] = JObject.FromObject(jsonData).ToString(Newtonsoft.Json.Formatting.None),
        };
        using var response = await _http.PostAsync(_sim.Url + "/webservices/rest.php?version=1.4", new FormUrlEncodedContent(form));
        return JObject.Parse(await response.Content.ReadAsStringAsync());
    }

    private Task<JObject> AsAdmin(object jsonData) => CallAsync(ITopSimulationOptions.Admin, jsonData);

    private static object CreateUser(string login, object profileList, long contactId = 0) => new
    {
        operation = "core/create", comment = "test", @class = "UserExternal", output_fields = "id,login,profile_list",
        fields = new { login, contactid = contactId, language = "FR FR", profile_list = profileList },
    };

    private static void AssertJson(JToken expected, JToken? actual) =>
        Assert.True(JToken.DeepEquals(expected, actual), $"Expected {expected.ToString(Newtonsoft.Json.Formatting.None)} but got {actual?.ToString(Newtonsoft.Json.Formatting.None)}");

    private static JObject Single(JObject answer) => (JObject)((JProperty)answer["objects"]!.First!).Value["fields"]!;

    [Theory]
    [InlineData("core/get", "reading", "UserExternal")]
    [InlineData("core/get", "reading", "URP_Profiles")]
    [InlineData("core/get", "reading", "URP_UserProfile")]
    [InlineData("core/create", "creating", "UserExternal")]
    [InlineData("core/update", "modifying", "UserExternal")]
    public async Task The_connector_user_is_refused_every_account_class_like_recordings_67_and_79(string operation, string verb, string className)
    {
        var existing = _sim.Store.AddExternalUser("jdupont", 0, "Portal user");

        var answer = await CallAsync(ITopSimulationOptions.Connector, new
        {
            operation, comment = "test", @class = className, key = existing, output_fields = "id", fields = new { login = "x" },
        });

        // Same shape as the recorded body: {"code":1,"message":"The current user does not have enough permissions for …","objects":null}
        AssertJson(new JObject
        {
            ["code"] = 1, ["message"] = $"The current user does not have enough permissions for {verb} data of class {className}", ["objects"] = null,
        }, answer);
        Assert.Equal(["Portal user"], _sim.Store.UserProfiles(existing));
    }

    [Fact]
    public async Task The_stock_profiles_are_readable_by_name_with_their_fixed_ids()
    {
        var answer = await AsAdmin(new { operation = "core/get", @class = "URP_Profiles", key = "SELECT URP_Profiles", output_fields = "id,name" });

        var profiles = ((JObject)answer["objects"]!).Properties().ToDictionary(p => (string)p.Value["fields"]!["name"]!, p => (string)p.Value["key"]!);
        Assert.Equal("Found: 13", (string?)answer["message"]);
        Assert.Equal(("1", "2", "3", "4", "5", "12", "1024"),
            (profiles["Administrator"], profiles["Portal user"], profiles["Configuration Manager"], profiles["Service Desk Agent"],
                profiles["Support Agent"], profiles["Portal power user"], profiles["REST Services User"]));
        var portal = await AsAdmin(new { operation = "core/get", @class = "URP_Profiles", key = "SELECT URP_Profiles WHERE name = 'Portal user'", output_fields = "id,name" });
        Assert.Equal("URP_Profiles::2", ((JObject)portal["objects"]!).Properties().Single().Name);
    }

    [Fact]
    public async Task A_created_account_answers_its_profiles_as_link_rows_whatever_form_the_profile_keys_took()
    {
        var person = _sim.Store.AddPerson(_sim.Store.AddOrganization("Lycée Pierre de Fermat", "0310094J"), "Jeanne", "Dupont", "jeanne.dupont@ac-toulouse.fr");

        var created = await AsAdmin(CreateUser("jdupont", new object[]
        {
            new { profileid = new { name = "Portal user" } },
            new { profileid = "SELECT URP_Profiles WHERE name = 'Portal power user'" },
            new { profileid = 5 },
            new { profileid = "3", reason = "donné à la main" },
        }, person));

        Assert.Equal(0, (int)created["code"]!);
        var fields = Single(created);
        Assert.Equal("jdupont", (string?)fields["login"]);
        var first = (JObject)fields["profile_list"]![0]!;
        // The link rows leave out the key to the account and what derives from it (userid, userlogin…).
        Assert.Equal(["profileid", "profile", "reason", "friendlyname", "profileid_friendlyname"], first.Properties().Select(p => p.Name));
        Assert.Equal(("2", "Portal user", "", "Lien entre jdupont et Portal user", "Portal user"),
            ((string?)first["profileid"], (string?)first["profile"], (string?)first["reason"], (string?)first["friendlyname"], (string?)first["profileid_friendlyname"]));
        Assert.Equal("donné à la main", (string?)fields["profile_list"]![3]!["reason"]);
        var id = _sim.Store.UserIdOf("jdupont")!.Value;
        Assert.Equal(["Portal user", "Portal power user", "Support Agent", "Configuration Manager"], _sim.Store.UserProfiles(id));

        var read = await AsAdmin(new { operation = "core/get", @class = "UserExternal", key = "SELECT UserExternal WHERE login = 'JDUPONT'", output_fields = "login,contactid,email,org_id_friendlyname,language,status,finalclass" });
        AssertJson(new JObject
        {
            ["login"] = "jdupont", ["contactid"] = person.ToString(), ["email"] = "jeanne.dupont@ac-toulouse.fr", ["org_id_friendlyname"] = "Lycée Pierre de Fermat",
            ["language"] = "FR FR", ["status"] = "enabled", ["finalclass"] = "UserExternal",
        }, Single(read));
    }

    [Theory]
    [InlineData("{\"profileid\":{\"name\":\"Chef d'établissement\"}}", "Error: profile_list: profileid: No item found with criteria: name: Chef d'établissement (Chef d'établissement)")]
    [InlineData("{\"profileid\":\"SELECT URP_Profiles WHERE name = 'Chef'\"}", "Error: profile_list: profileid: No item found for query: SELECT URP_Profiles WHERE name = 'Chef'")]
    [InlineData("{\"profileid\":99}", "Error: profile_list: profileid: Invalid object URP_Profiles::99")]
    [InlineData("{\"profile\":\"Portal user\"}", "Error: profile_list: profile: Attempting to set the value on the read-only attribute URP_UserProfile::profile")]
    public async Task An_unknown_profile_is_refused_with_iTops_message_and_nothing_is_created(string link, string message)
    {
        var links = _sim.Store.Count("URP_UserProfile");

        var answer = await AsAdmin(CreateUser("jdupont", new[] { JObject.Parse(link) }));

        AssertJson(new JObject { ["code"] = 100, ["message"] = message }, answer);
        Assert.Null(_sim.Store.UserIdOf("jdupont"));
        Assert.Equal(links, _sim.Store.Count("URP_UserProfile"));
    }

    [Fact]
    public async Task A_link_set_must_be_an_array()
    {
        var answer = await AsAdmin(CreateUser("jdupont", new { profileid = 2 }));

        Assert.Equal("Error: profile_list: A link set must be defined by an array of objects", (string?)answer["message"]);
    }

    [Theory]
    [InlineData("jdupont")]
    [InlineData("JDupont")]
    [InlineData("admin")]
    public async Task A_login_already_used_by_any_account_is_refused(string login)
    {
        _sim.Store.AddExternalUser("jdupont", 0, "Portal user");

        var answer = await AsAdmin(CreateUser(login, new[] { new { profileid = 2 } }));

        var issue = $"Le login doit être unique - \"{login}\" est déjà utilisé.";
        AssertJson(new JObject { ["code"] = 100, ["message"] = $"Error: {issue}: issues = {{0=>{issue}}}, class = UserExternal, id = -1" }, answer);
        Assert.Single(_sim.Store.Ids("UserExternal"));
    }

    [Fact]
    public async Task An_account_needs_a_login_and_a_profile()
    {
        var answer = await AsAdmin(new { operation = "core/create", comment = "test", @class = "UserExternal", fields = new { language = "fr" } });

        const string login = "Valeur de l'attribut incorrecte 'Login' (login) : Null not allowed";
        const string language = "Valeur de l'attribut incorrecte 'Langue' (language) : Value not allowed [fr]";
        const string profile = "L'utilisateur doit avoir au moins un profil.";
        Assert.Equal($"Error: {login}, {language}, {profile}: issues = {{0=>{login}; 1=>{language}; 2=>{profile}}}, class = UserExternal, id = -1",
            (string?)answer["message"]);
        Assert.Empty(_sim.Store.Ids("UserExternal"));
    }

    [Fact]
    public async Task An_update_replaces_the_whole_set_keeping_the_links_that_stay()
    {
        var id = _sim.Store.AddExternalUser("jdupont", 0, "Support Agent", "Portal user");
        var before = await AsAdmin(new { operation = "core/get", @class = "URP_UserProfile", key = $"SELECT URP_UserProfile WHERE userid = {id}", output_fields = "id,profile" });
        var portalLink = ((JObject)before["objects"]!).Properties().Single(p => (string?)p.Value["fields"]!["profile"] == "Portal user").Name;

        var updated = await AsAdmin(new
        {
            operation = "core/update", comment = "test", @class = "UserExternal", key = id, output_fields = "profile_list",
            fields = new { profile_list = new object[] { new { profileid = new { name = "Portal user" } }, new { profileid = new { name = "Portal power user" } } } },
        });

        Assert.Equal(0, (int)updated["code"]!);
        Assert.Equal(["Portal user", "Portal power user"], _sim.Store.UserProfiles(id));
        var after = await AsAdmin(new { operation = "core/get", @class = "URP_UserProfile", key = $"SELECT URP_UserProfile WHERE userid = {id}", output_fields = "id,profile" });
        Assert.Contains(portalLink, ((JObject)after["objects"]!).Properties().Select(p => p.Name));
        // An update that does not name profile_list leaves it alone; an empty set is refused.
        await AsAdmin(new { operation = "core/update", comment = "test", @class = "UserExternal", key = id, fields = new { language = "EN US" } });
        Assert.Equal(["Portal user", "Portal power user"], _sim.Store.UserProfiles(id));
        var emptied = await AsAdmin(new { operation = "core/update", comment = "test", @class = "UserExternal", key = id, fields = new { profile_list = Array.Empty<object>() } });
        Assert.Contains($"L'utilisateur doit avoir au moins un profil.}}, class = UserExternal, id = {id}", (string?)emptied["message"]);
    }

    [Fact]
    public async Task A_lone_portal_power_user_profile_stays_alone_like_in_iTop_3_2_0()
    {
        await AsAdmin(CreateUser("jdupont", new[] { new { profileid = new { name = "Portal power user" } } }));

        Assert.Equal(["Portal power user"], _sim.Store.UserProfiles(_sim.Store.UserIdOf("jdupont")!.Value));
    }

    [Fact]
    public async Task A_custom_profile_may_grant_accounts_but_not_administrators()
    {
        var created = await CallAsync(Bridge, CreateUser("jdupont", new[] { new { profileid = 2 } }));
        var admin = await CallAsync(Bridge, CreateUser("jdupont2", new[] { new { profileid = 2 }, new { profileid = 1 } }));

        Assert.Equal(0, (int)created["code"]!);
        Assert.StartsWith("Error: L'accès à iTop est soumis à autorisation.", (string?)admin["message"]);
        Assert.Null(_sim.Store.UserIdOf("jdupont2"));
        // Nor touch an account that has it.
        var boss = _sim.Store.AddExternalUser("boss", 0, "Administrator");
        var touched = await CallAsync(Bridge, new { operation = "core/update", comment = "test", @class = "UserExternal", key = boss, fields = new { language = "EN US" } });
        Assert.StartsWith("Error: L'accès à iTop est soumis à autorisation.", (string?)touched["message"]);
        Assert.Equal("FR FR", _sim.Store.GetField("UserExternal", boss, "language"));
    }

    [Fact]
    public async Task The_REST_users_are_local_accounts_and_deleting_an_account_deletes_its_links()
    {
        var locals = await AsAdmin(new { operation = "core/get", @class = "UserLocal", key = "SELECT UserLocal", output_fields = "login,profile_list" });
        var connector = (JObject)locals["objects"]!["UserLocal::2"]!["fields"]!;
        Assert.Equal("connector", (string?)connector["login"]);
        Assert.Equal(["Service Desk Agent", "Support Agent", "REST Services User"], connector["profile_list"]!.Select(l => (string?)l["profile"]));
        var id = _sim.Store.AddExternalUser("jdupont", 0, "Portal user");
        Assert.True(id > 20, "account ids follow the REST users' ids");

        var deleted = await AsAdmin(new { operation = "core/delete", comment = "test", @class = "UserExternal", key = id });

        Assert.Equal("Deleted: 1 plus (for DB integrity) 1", (string?)deleted["message"]);
        Assert.Empty(_sim.Store.Ids("UserExternal"));
        Assert.DoesNotContain(_sim.Store.Ids("URP_UserProfile"), link => _sim.Store.GetField("URP_UserProfile", link, "userid") == id.ToString());
    }
}
