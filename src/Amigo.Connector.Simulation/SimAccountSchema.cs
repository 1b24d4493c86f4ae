namespace Amigo.Connector.Simulation;

/// <summary>
/// The user-account classes of a stock iTop 3.2 (core <c>User</c> hierarchy and the profile add-on): the abstract
/// <c>User</c>, <c>UserLocal</c>, <c>UserExternal</c>, <c>URP_Profiles</c> and the link classes <c>URP_UserProfile</c>
/// (<c>profile_list</c>) and <c>URP_UserOrg</c> (<c>allowed_org_list</c>). No recording shows these classes answered
/// (the recorded REST user may not read them, recording 67): attribute lists follow iTop's data model.
/// </summary>
internal static class SimAccountSchema
{
    /// <summary>The abstract class of every account.</summary>
    public const string User = "User";

    /// <summary>Accounts checked by iTop itself (password).</summary>
    public const string UserLocal = "UserLocal";

    /// <summary>Accounts authenticated by the web server (the ARENA bridge's accounts).</summary>
    public const string UserExternal = "UserExternal";

    /// <summary>The profiles.</summary>
    public const string Profiles = "URP_Profiles";

    /// <summary>Link class of <c>profile_list</c>.</summary>
    public const string UserProfile = "URP_UserProfile";

    /// <summary>Link class of <c>allowed_org_list</c>.</summary>
    public const string UserOrg = "URP_UserOrg";

    /// <summary>Name of the administrators' profile.</summary>
    public const string AdministratorProfile = "Administrator";

    /// <summary>The profiles a stock iTop 3.2 with the ITIL profiles ships, with their fixed ids (predefined objects).</summary>
    public static readonly IReadOnlyList<(long Id, string Name, string Description)> StockProfiles =
    [
        (1, AdministratorProfile, "Has the rights on everything (bypassing any control)"),
        (2, "Portal user", "Has the rights to access to the user portal. People having this profile will not be allowed to access the standard application, they will be automatically redirected to the user portal."),
        (3, "Configuration Manager", "Person in charge of the documentation of the managed CIs"),
        (4, "Service Desk Agent", "Person in charge of creating incident reports"),
        (5, "Support Agent", "Person analyzing and solving the current incidents"),
        (6, "Problem Manager", "Person analyzing and solving the current problems"),
        (7, "Change Implementor", "Person executing the changes"),
        (8, "Change Supervisor", "Person responsible for the overall change execution"),
        (9, "Change Approver", "Person who could be impacted by some changes"),
        (10, "Service Manager", "Person responsible for the service delivered to the [internal] customer"),
        (11, "Document author", "Any person who could contribute to documentation"),
        (12, "Portal power user", "Users having this profile will have the rights to see all the tickets for a customer in the portal. Must be used in conjunction with other profiles (e.g. Portal User)."),
        (1024, "REST Services User", "Only users having this profile are allowed to use the REST Web Services (unless 'secure_rest_services' is set to false in the configuration file)."),
    ];

    /// <summary>Whether only administrators (or a profile granting it) may read or write <paramref name="className"/>.</summary>
    public static bool IsAccountClass(string className) =>
        className is User or UserLocal or UserExternal or Profiles or UserProfile or UserOrg;

    /// <summary>Whether <paramref name="className"/> is a concrete account class (login, profiles).</summary>
    public static bool IsUserClass(string className) => className is UserLocal or UserExternal;

    public static void AddTo(Dictionary<string, SimClass> classes)
    {
        void Add(SimClass c) => classes[c.Name] = c;

        Add(UserAttributes(new SimClass(User) { IsAbstract = true }, own: null));
        Add(UserAttributes(new SimClass(UserLocal, parent: User), own: c => c.Text("expiration", "can_expire").Date("password_renewed_date")));
        Add(UserAttributes(new SimClass(UserExternal, parent: User), own: null));

        Add(new SimClass(Profiles)
            .Text("name", label: "Nom").Text("description", label: "Description").LinkSet("user_list", UserProfile, "profileid", "userid")
            .Computed("friendlyname"));

        Add(new SimClass(UserProfile)
            .Key("userid", User).Ext("userlogin", "userid", "login").Key("profileid", Profiles).Ext("profile", "profileid", "name")
            .Text("reason", label: "Raison").Computed("friendlyname")
            .KeyDetails("userid_friendlyname", "profileid_friendlyname"));

        Add(new SimClass(UserOrg)
            .Key("userid", User).Ext("userlogin", "userid", "login").Key("allowed_org_id", "Organization").Ext("allowed_org_name", "allowed_org_id", "name")
            .Text("reason", label: "Raison").Computed("friendlyname")
            .KeyDetails("userid_friendlyname", "allowed_org_id_friendlyname", "allowed_org_id_obsolescence_flag"));
    }

    // The attributes every account has (iTop's User class), then the class's own, then the computed ones.
    private static SimClass UserAttributes(SimClass c, Action<SimClass>? own)
    {
        c.Key("contactid", "Person").Ext("last_name", "contactid", "name").Ext("first_name", "contactid", "first_name")
            .Ext("email", "contactid", "email").Ext("org_id", "contactid", "org_id").Text("login", label: "Login")
            .Text("language", "EN US", label: "Langue").Text("status", "enabled", label: "Statut")
            .LinkSet("profile_list", UserProfile, "userid", "profileid").LinkSet("allowed_org_list", UserOrg, "userid", "allowed_org_id")
            .Log("log");
        own?.Invoke(c);
        return c.Computed("finalclass", c.Name).Computed("friendlyname")
            .KeyDetails("contactid_friendlyname", "contactid_obsolescence_flag")
            .Computed("org_id_friendlyname").Computed("org_id_obsolescence_flag", "");
    }
}
