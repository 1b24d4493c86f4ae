namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// Accounts as the ARENA bridge writes them (Person, UserExternal, profile_list): no recording shows them, so the
/// simulation followed iTop's source until the lab could answer; these assertions are what iTop 3.2.0 does.
/// </summary>
public static partial class ITopContract
{
    public static async Task ManagesAccountsLikeITop(ITopContractTarget target)
    {
        using var raw = target.Raw();
        var (user, password) = target.Bridge;
        Task<RawAnswer> Call(object jsonData) => raw.CallAsync(user, password, jsonData);
        static JsonElement Fields(RawAnswer answer) => answer.Single().GetProperty("fields");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var login = "contrat" + suffix;

        var profiles = await Call(new { operation = "core/get", @class = "URP_Profiles", key = "SELECT URP_Profiles", output_fields = "id,name" });
        Assert.Equal("Found: 13", profiles.Message);
        var byName = profiles.Objects.EnumerateObject().ToDictionary(p => p.Value.GetProperty("fields").GetProperty("name").GetString()!, p => p.Value.GetProperty("key").GetString());
        Assert.Equal(("1", "2", "12", "1024"), (byName["Administrator"], byName["Portal user"], byName["Portal power user"], byName["REST Services User"]));

        var person = await Call(new
        {
            operation = "core/create", comment = "Test de contrat", @class = "Person", output_fields = "id",
            fields = new { name = "Contrat", first_name = "Jeanne", email = $"jeanne.{suffix}@ac-toulouse.fr", org_id = new Dictionary<string, string> { ["name"] = Toulouse } },
        });
        var personId = long.Parse(person.Single().GetProperty("key").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        object Create(string accountLogin, object profileList, long contactId = 0) => new
        {
            operation = "core/create", comment = "Test de contrat", @class = "UserExternal", output_fields = "id,login,profile_list",
            fields = new { login = accountLogin, contactid = contactId, language = "FR FR", profile_list = profileList },
        };

        var created = await Call(Create(login, new object[]
        {
            new { profileid = new { name = "Portal user" } },
            new { profileid = "SELECT URP_Profiles WHERE name = 'Portal power user'" },
            new { profileid = 5 },
            new { profileid = "3", reason = "donné à la main" },
        }, personId));
        Assert.Equal(0, created.Code);
        var links = Fields(created).GetProperty("profile_list").EnumerateArray().ToList();
        Assert.Equal(["profileid", "profile", "reason", "friendlyname", "profileid_friendlyname"], links[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(("2", "Portal user", "", $"Lien entre {login} et Portal user", "Portal user"),
            (links[0].GetProperty("profileid").GetString(), links[0].GetProperty("profile").GetString(), links[0].GetProperty("reason").GetString(),
                links[0].GetProperty("friendlyname").GetString(), links[0].GetProperty("profileid_friendlyname").GetString()));
        Assert.Equal(["Portal user", "Portal power user", "Support Agent", "Configuration Manager"], links.Select(l => l.GetProperty("profile").GetString()));
        Assert.Equal("donné à la main", links[3].GetProperty("reason").GetString());
        var accountId = long.Parse(created.Single().GetProperty("key").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        var read = await Call(new { operation = "core/get", @class = "UserExternal", key = $"SELECT UserExternal WHERE login = '{login.ToUpperInvariant()}'", output_fields = "login,contactid,email,language,status,finalclass" });
        var account = Fields(read);
        Assert.Equal((login, personId.ToString(System.Globalization.CultureInfo.InvariantCulture), $"jeanne.{suffix}@ac-toulouse.fr", "FR FR", "enabled", "UserExternal"),
            (account.GetProperty("login").GetString(), account.GetProperty("contactid").GetString(), account.GetProperty("email").GetString(),
                account.GetProperty("language").GetString(), account.GetProperty("status").GetString(), account.GetProperty("finalclass").GetString()));

        var refusals = new (object Link, string Message)[]
        {
            (new { profileid = new { name = "Chef d'établissement" } }, "Error: profile_list: profileid: No item found with criteria: name: Chef d'établissement (Chef d'établissement)"),
            (new { profileid = "SELECT URP_Profiles WHERE name = 'Chef'" }, "Error: profile_list: profileid: No item found for query: SELECT URP_Profiles WHERE name = 'Chef'"),
            (new { profileid = 99 }, "Error: profile_list: profileid: Invalid object URP_Profiles::99"),
            (new { profile = "Portal user" }, "Error: profile_list: profile: Attempting to set the value on the read-only attribute URP_UserProfile::profile"),
        };
        foreach (var (link, message) in refusals)
        {
            var refused = await Call(Create("x" + login, new[] { link }));
            Assert.Equal((100, message), (refused.Code, refused.Message));
        }
        Assert.Equal("Error: profile_list: A link set must be defined by an array of objects", (await Call(Create("y" + login, new { profileid = 2 }))).Message);
        foreach (var taken in new[] { login, login.ToUpperInvariant(), target.AdminUser })
        {
            var issue = $"Le login doit être unique - \"{taken}\" est déjà utilisé.";
            Assert.Equal((100, $"Error: {issue}: issues = {{0=>{issue}}}, class = UserExternal, id = -1"), ((await Call(Create(taken, new[] { new { profileid = 2 } }))) is var a ? (a.Code, a.Message) : default));
        }
        const string noLogin = "Valeur de l'attribut incorrecte 'Login' (login) : Null not allowed";
        const string badLanguage = "Valeur de l'attribut incorrecte 'Langue' (language) : Value not allowed [fr]";
        const string noProfile = "L'utilisateur doit avoir au moins un profil.";
        Assert.Equal($"Error: {noLogin}, {badLanguage}, {noProfile}: issues = {{0=>{noLogin}; 1=>{badLanguage}; 2=>{noProfile}}}, class = UserExternal, id = -1",
            (await Call(new { operation = "core/create", comment = "Test de contrat", @class = "UserExternal", fields = new { language = "fr" } })).Message);

        // iTop 3.2.0 does not complete a lone "Portal power user" with "Portal user".
        var lone = await Call(Create("z" + login, new[] { new { profileid = new { name = "Portal power user" } } }));
        Assert.Equal(["Portal power user"], Fields(lone).GetProperty("profile_list").EnumerateArray().Select(l => l.GetProperty("profile").GetString()));

        // An update replaces the whole set, keeping the link rows of the profiles that stay.
        async Task<Dictionary<string, string>> LinkIds() =>
            (await Call(new { operation = "core/get", @class = "URP_UserProfile", key = $"SELECT URP_UserProfile WHERE userid = {accountId}", output_fields = "id,profile" }))
            .Objects.EnumerateObject().ToDictionary(p => p.Value.GetProperty("fields").GetProperty("profile").GetString()!, p => p.Value.GetProperty("key").GetString()!);
        var before = await LinkIds();
        var updated = await Call(new
        {
            operation = "core/update", comment = "Test de contrat", @class = "UserExternal", key = accountId, output_fields = "profile_list",
            fields = new { profile_list = new object[] { new { profileid = new { name = "Portal user" } }, new { profileid = new { name = "Portal power user" } } } },
        });
        Assert.Equal(0, updated.Code);
        var after = await LinkIds();
        Assert.Equal(["Portal power user", "Portal user"], after.Keys.Order(StringComparer.Ordinal));
        Assert.Equal((before["Portal user"], before["Portal power user"]), (after["Portal user"], after["Portal power user"]));
        var emptied = await Call(new { operation = "core/update", comment = "Test de contrat", @class = "UserExternal", key = accountId, fields = new { profile_list = Array.Empty<object>() } });
        Assert.Equal((100, $"Error: {noProfile}: issues = {{0=>{noProfile}}}, class = UserExternal, id = {accountId}"), (emptied.Code, emptied.Message));

        // Deleting an account deletes its profile links, counted apart.
        var deleted = await raw.CallAsync(target.AdminUser, target.AdminPassword, new { operation = "core/delete", comment = "Test de contrat", @class = "UserExternal", key = accountId });
        Assert.Equal((0, "Deleted: 1 plus (for DB integrity) 2"), (deleted.Code, deleted.Message));
        Assert.Equal(3, deleted.Objects.EnumerateObject().Count());

        // External fields and friendly names are read-only.
        var readOnly = await raw.CallAsync(target.User, target.Password, new { operation = "core/update", comment = "Test de contrat", @class = "Person", key = personId, fields = new { org_name = "x" } });
        Assert.Contains(readOnly.Code, new[] { 1, 100 });
        var ticket = await raw.CallAsync(target.User, target.Password, new { operation = "core/get", @class = "UserRequest", key = "SELECT UserRequest", output_fields = "id", limit = 1, page = 1 });
        var ticketId = long.Parse(ticket.Objects.EnumerateObject().First().Value.GetProperty("key").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var attribute in new[] { "org_name", "caller_id_friendlyname" })
        {
            var answer = await raw.CallAsync(target.User, target.Password, new Dictionary<string, object>
            {
                ["operation"] = "core/update", ["comment"] = "Test de contrat", ["class"] = "UserRequest", ["key"] = ticketId, ["fields"] = new Dictionary<string, string> { [attribute] = "x" },
            });
            Assert.Equal((100, $"Error: {attribute}: Attempting to set the value on the read-only attribute UserRequest::{attribute}"), (answer.Code, answer.Message));
        }
    }
}
