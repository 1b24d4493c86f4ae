namespace Amigo.Connector.Simulation;

/// <summary>User accounts and profiles, seeded as an administrator would in iTop's console.</summary>
public sealed partial class ITopSimulationStore
{
    /// <summary>Adds a custom profile (<c>URP_Profiles</c>; the stock ones are always there); returns its id.</summary>
    public long AddProfile(string name, string description = "") =>
        Add(SimAccountSchema.Profiles, new() { ["name"] = name, ["description"] = description });

    /// <summary>Adds a <c>UserExternal</c> account with these profiles (by name); <paramref name="contactId"/> 0 for none. Returns its id.</summary>
    public long AddExternalUser(string login, long contactId, params string[] profiles) =>
        AddUser(SimAccountSchema.UserExternal, null, login, contactId, "FR FR", profiles);

    /// <summary>The id of the account (local or external) whose login is <paramref name="login"/> (compared like iTop's database: case and accents ignored).</summary>
    public long? UserIdOf(string login)
    {
        lock (Sync) return All(SimAccountSchema.User).FirstOrDefault(u => Collates(u.Values.GetValueOrDefault("login", ""), login))?.Id;
    }

    /// <summary>The profile names of an account, in link order.</summary>
    public IReadOnlyList<string> UserProfiles(long userId)
    {
        lock (Sync)
        {
            var user = Find(SimAccountSchema.User, userId) ?? throw new KeyNotFoundException($"The simulation has no account {userId}.");
            Class(user.ClassName).TryGet("profile_list", out var profileList);
            return StoredLinks(user, profileList!).Select(link => TextOf(Resolve(link, "profile")) ?? "").ToList();
        }
    }

    /// <summary>A local account under a fixed id (the simulation's REST users).</summary>
    internal void AddLocalUser(long id, string login, IEnumerable<string> profiles) =>
        AddUser(SimAccountSchema.UserLocal, id, login, 0, "EN US", profiles);

    /// <summary>The id of the profile named <paramref name="name"/>, if any.</summary>
    internal long? ProfileId(string name) =>
        All(SimAccountSchema.Profiles).FirstOrDefault(p => Collates(p.Values.GetValueOrDefault("name", ""), name))?.Id;

    /// <summary>Equality as iTop's MariaDB collation (utf8mb4_unicode_ci) sees it: case and accents ignored.</summary>
    internal static bool Collates(string? left, string? right) =>
        string.Compare(left, right, CultureInfo.InvariantCulture, CompareOptions.IgnoreCase | CompareOptions.IgnoreNonSpace) == 0;

    private void SeedStockProfiles()
    {
        foreach (var (id, name, description) in SimAccountSchema.StockProfiles)
        {
            var profile = Insert(SimAccountSchema.Profiles, id);
            profile.Values["name"] = name;
            profile.Values["description"] = description;
        }
        _nextIds[SimAccountSchema.Profiles] = SimAccountSchema.StockProfiles.Max(p => p.Id) + 1;
    }

    private long AddUser(string className, long? fixedId, string login, long contactId, string language, IEnumerable<string> profiles)
    {
        lock (Sync)
        {
            if (UserIdOf(login) is not null) throw new ArgumentException($"The simulation already has an account '{login}'.", nameof(login));
            var links = profiles.Distinct(StringComparer.Ordinal).Select(name =>
            {
                var link = new SimObject(SimAccountSchema.UserProfile, 0);
                link.Values["profileid"] = Key(ProfileId(name) ?? throw new ArgumentException($"The simulation has no profile '{name}' (add it with AddProfile).", nameof(profiles)));
                link.Values["reason"] = "";
                return link;
            }).ToList();
            var id = fixedId ?? NewId(className);
            if (fixedId is { } given)
                _nextIds[SimAccountSchema.User] = Math.Max(_nextIds.GetValueOrDefault(SimAccountSchema.User, 1), given + 1);
            var user = Insert(className, id);
            user.Values["login"] = login;
            user.Values["contactid"] = Key(contactId);
            user.Values["language"] = language;
            user.Values["status"] = "enabled";
            user.PendingLinks["profile_list"] = links;
            SaveLinks(user);
            return id;
        }
    }
}
