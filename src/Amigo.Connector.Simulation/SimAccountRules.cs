namespace Amigo.Connector.Simulation;

/// <summary>
/// What iTop 3.2 checks when a REST call touches user accounts: who may read and write them (stock profiles grant
/// them to administrators only, recording 67), and the checks of <c>User::DoCheckToWrite</c> on a create or update
/// (login given and unique among all accounts, at least one profile, valid language and status, accounts holding the
/// Administrator profile written by administrators only). A lone "Portal power user" is
/// not completed with "Portal user": iTop 3.2.0 keeps the profiles as given (checked on the lab).
/// Messages are the French ones of the recorded REST user's language.
/// </summary>
internal sealed class SimAccountRules(ITopSimulationStore store)
{

    /// <summary>Languages of a stock iTop 3.2 (<c>AttributeApplicationLanguage</c>).</summary>
    private static readonly HashSet<string> Languages = new(StringComparer.Ordinal)
    {
        "CS CZ", "DA DA", "DE DE", "EN GB", "EN US", "ES CR", "FR FR", "HU HU", "IT IT", "JA JP", "NL NL", "PL PL", "PT BR", "RU RU", "SK SK",
        "TR TR", "ZH CN",
    };

    /// <summary>
    /// Refuses <paramref name="caller"/> an account class, or a change-history class, it has no right on, like iTop's
    /// REST services do before touching anything: code 1, <c>objects: null</c>. iTop 3.2's change history
    /// (<c>CMDBChange*</c>, category <c>grant_by_profile</c>) is granted by no stock profile but Administrator (the real
    /// lab refuses it to the connector's agent account). <paramref name="verb"/> is <c>reading</c>, <c>creating</c> or <c>modifying</c>.
    /// </summary>
    public static void RequireRight(ITopSimUser caller, string className, string verb)
    {
        var guarded = SimAccountSchema.IsAccountClass(className) || className.StartsWith(SimChangeSchema.Change, StringComparison.Ordinal);
        if (!guarded || caller.IsAdmin || caller.GrantedClasses.Contains(className)) return;
        throw new SimError(1, $"The current user does not have enough permissions for {verb} data of class {className}", withNullObjects: true);
    }

    /// <summary>
    /// Checks an account about to be written (<paramref name="original"/> is null for a create); throws iTop's
    /// "cannot save" error listing every issue.
    /// </summary>
    public void BeforeWrite(SimObject user, SimObject? original, ITopSimUser caller)
    {
        var profiles = user.PendingLinks.GetValueOrDefault("profile_list");
        var cls = store.Class(user.ClassName);
        var issues = new List<string>();
        var login = user.Values.GetValueOrDefault("login", "");
        if (login.Length == 0) issues.Add(Invalid(cls, "login", "Null not allowed"));
        if (user.Values.TryGetValue("language", out var language) && !Languages.Contains(language))
            issues.Add(Invalid(cls, "language", $"Value not allowed [{language}]"));
        if (user.Values.TryGetValue("status", out var status) && status is not ("enabled" or "disabled"))
            issues.Add(Invalid(cls, "status", $"Value not allowed [{status}]"));
        var loginChanged = original is null || !ITopSimulationStore.Collates(original.Values.GetValueOrDefault("login", ""), login);
        if (login.Length > 0 && loginChanged
            && store.All(SimAccountSchema.User).Any(u => u.Id != original?.Id && ITopSimulationStore.Collates(u.Values.GetValueOrDefault("login", ""), login)))
            issues.Add($"Le login doit être unique - \"{login}\" est déjà utilisé.");
        if ((original is null || profiles is not null) && (profiles?.Count ?? 0) == 0)
            issues.Add("L'utilisateur doit avoir au moins un profil.");
        // Only administrators manage administrators: any write of an account that has (or gets) the profile.
        if (!caller.IsAdmin && (profiles ?? StoredProfiles(original)).Any(IsAdministratorLink))
            issues.Add("L'accès à iTop est soumis à autorisation. Merci de contacter votre administrateur iTop.");
        if (issues.Count > 0) throw CannotSave(user.ClassName, original?.Id ?? -1, issues);
    }

    /// <summary>iTop's <c>CoreCannotSaveObjectException</c> as REST reports it (recording 75's shape).</summary>
    public static SimError CannotSave(string className, long id, IReadOnlyList<string> issues)
    {
        var pairs = string.Join("; ", issues.Select((issue, i) => $"{i}=>{issue}"));
        return new SimError(100, $"Error: {string.Join(", ", issues)}: issues = {{{pairs}}}, class = {className}, id = {id.ToString(CultureInfo.InvariantCulture)}");
    }

    private IEnumerable<SimObject> StoredProfiles(SimObject? user)
    {
        if (user is null || !store.Class(user.ClassName).TryGet("profile_list", out var profileList)) return [];
        return store.StoredLinks(user, profileList);
    }

    private bool IsAdministratorLink(SimObject link) => ProfileName(link) == SimAccountSchema.AdministratorProfile;

    private string? ProfileName(SimObject link) =>
        long.TryParse(link.Values.GetValueOrDefault("profileid"), out var id) && store.Find(SimAccountSchema.Profiles, id) is { } profile
            ? profile.Values.GetValueOrDefault("name")
            : null;

    private static string Invalid(SimClass cls, string code, string issue)
    {
        cls.TryGet(code, out var attribute);
        return $"Valeur de l'attribut incorrecte '{attribute?.Label ?? code}' ({code}) : {issue}";
    }
}
