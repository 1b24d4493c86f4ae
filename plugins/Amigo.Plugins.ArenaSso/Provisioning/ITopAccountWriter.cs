namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>
/// Brings one academy's iTop in line with one ARENA identity: the Person (name, e-mail, organization,
/// establishments) and its UserExternal account (login, profiles). Reads first and writes only what differs,
/// so running it again changes nothing. Callers serialise it per identity.
/// </summary>
internal sealed class ITopAccountWriter(AcademyContext academy, ArenaSsoSettings settings, IAuditLog audit)
{
    internal const string Actor = "arena";
    private const string PersonClass = "Person";
    private const string UserClass = "UserExternal";
    private const string OrganizationClass = "Organization";

    private readonly IITopClient _itop = academy.ITop;
    private readonly List<string> _changes = [];

    public async Task<ProvisioningResult> ProvisionAsync(ArenaIdentity identity, CancellationToken cancellationToken)
    {
        var organizationId = await ResolveOrganizationAsync(identity, cancellationToken);
        var personId = await EnsurePersonAsync(identity, organizationId, cancellationToken);
        var (userId, profiles) = await EnsureUserAsync(identity, personId, cancellationToken);
        return new ProvisioningResult(personId, userId, organizationId, profiles, _changes);
    }

    private string Comment(ArenaIdentity identity) => $"amigo arena: provisioning of ARENA login {identity.Login}";

    private async Task<long> ResolveOrganizationAsync(ArenaIdentity identity, CancellationToken cancellationToken)
    {
        // The person's organization is their first establishment's, when iTop knows it (Organization.code = UAI).
        if (identity.Establishments.FirstOrDefault() is { } first
            && await FindOrganizationAsync(first.Uai.Value, cancellationToken) is { } establishmentOrg)
            return establishmentOrg;
        return await FindOrganizationAsync(settings.DefaultOrganizationCode, cancellationToken)
            ?? throw new ProvisioningException($"default organization '{settings.DefaultOrganizationCode}' not found in iTop '{academy.Id}'");
    }

    private async Task<long?> FindOrganizationAsync(string code, CancellationToken cancellationToken)
    {
        var query = Oql.Select(OrganizationClass).Where("code", "=", code).Build();
        var found = await _itop.GetAsync(new ITopGetRequest(OrganizationClass, ITopKey.Query(query), ["code", "name"]), cancellationToken);
        return found.Objects.Count switch
        {
            0 => null,
            1 => found.Objects[0].Key,
            _ => throw new ProvisioningException($"{found.Objects.Count} organizations have the code '{code}' in iTop '{academy.Id}'"),
        };
    }

    private async Task<long> EnsurePersonAsync(ArenaIdentity identity, long organizationId, CancellationToken cancellationToken)
    {
        var externalId = academy.FieldMap.PersonExternalId;
        var establishmentsField = academy.FieldMap.PersonEstablishments;
        var wanted = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["name"] = identity.LastName,
            ["first_name"] = identity.FirstName,
            ["email"] = identity.Email,
        };
        if (externalId is not null) wanted[externalId] = identity.Login;
        if (establishmentsField is not null) wanted[establishmentsField] = string.Join(",", identity.AllUaiCodes);

        var query = settings.PersonLookup == PersonLookupMode.ExternalId
            ? Oql.Select(PersonClass).Where(externalId!, "=", identity.Login).Build()
            : Oql.Select(PersonClass).Where("email", "=", identity.Email).Build();
        var found = await _itop.GetAsync(
            new ITopGetRequest(PersonClass, ITopKey.Query(query), [.. wanted.Keys, "org_id"]), cancellationToken);
        if (found.Objects.Count > 1)
            throw new ProvisioningException($"{found.Objects.Count} persons match {(settings.PersonLookup == PersonLookupMode.ExternalId ? "the login" : "the e-mail")} of '{identity.Login}' in iTop '{academy.Id}': merge them first");

        if (found.Objects.Count == 0)
        {
            var fields = new ITopFields().SetKey("org_id", ITopKey.Id(organizationId));
            foreach (var (attribute, value) in wanted) fields.Set(attribute, value);
            var created = await WriteAsync("provision.person.create", PersonClass, null, null, fields, identity,
                () => _itop.CreateAsync(new ITopWrite(PersonClass, null, fields, Comment(identity), ["id"]), cancellationToken), cancellationToken);
            return created.Key;
        }

        var person = found.Objects[0];
        var changes = new ITopFields();
        var before = new Dictionary<string, string?>();
        foreach (var (attribute, value) in wanted)
        {
            var current = person.GetString(attribute) ?? "";
            if (current == value) continue;
            before[attribute] = current;
            changes.Set(attribute, value);
        }
        if (person.GetExternalKey("org_id") != organizationId)
        {
            before["org_id"] = person.GetString("org_id");
            changes.SetKey("org_id", ITopKey.Id(organizationId));
        }
        if (!changes.IsEmpty)
            await WriteAsync("provision.person.update", PersonClass, person.Key, before, changes, identity,
                () => _itop.UpdateAsync(new ITopWrite(PersonClass, ITopKey.Id(person.Key), changes, Comment(identity), ["id"]), cancellationToken), cancellationToken);
        return person.Key;
    }

    private async Task<(long UserId, IReadOnlyList<string> Profiles)> EnsureUserAsync(ArenaIdentity identity, long personId, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> managed = identity.IsHeadOfEstablishment
            ? [settings.PortalProfile, settings.HeadOfEstablishmentProfile]
            : [settings.PortalProfile];

        var query = Oql.Select(UserClass).Where("login", "=", identity.Login).Build();
        var found = await _itop.GetAsync(new ITopGetRequest(UserClass, ITopKey.Query(query), ["login", "contactid", "profile_list"]), cancellationToken);
        if (found.Objects.Count == 0)
        {
            var fields = new ITopFields()
                .Set("login", identity.Login)
                .SetKey("contactid", ITopKey.Id(personId))
                .Set("language", settings.Language)
                .SetLinkedSet("profile_list", managed.Select(LinkedSetFields.ProfileLink));
            var created = await WriteAsync("provision.user.create", UserClass, null, null, fields, identity,
                () => _itop.CreateAsync(new ITopWrite(UserClass, null, fields, Comment(identity), ["id"]), cancellationToken), cancellationToken);
            return (created.Key, managed);
        }

        var user = found.Objects[0];
        var current = ProfileNames(user);
        // The bridge owns the two profiles it grants: the head profile goes when the person no longer heads an
        // establishment; profiles an administrator added by hand stay.
        var target = current.Where(p => p != settings.HeadOfEstablishmentProfile || identity.IsHeadOfEstablishment)
            .Concat(managed).Distinct(StringComparer.Ordinal).ToList();
        var changes = new ITopFields();
        var before = new Dictionary<string, object?>();
        if (user.GetExternalKey("contactid") != personId)
        {
            before["contactid"] = user.GetString("contactid");
            changes.SetKey("contactid", ITopKey.Id(personId));
        }
        if (!target.ToHashSet(StringComparer.Ordinal).SetEquals(current))
        {
            before["profile_list"] = current;
            changes.SetLinkedSet("profile_list", target.Select(LinkedSetFields.ProfileLink));
        }
        if (!changes.IsEmpty)
            await WriteAsync("provision.user.update", UserClass, user.Key, before, changes, identity,
                () => _itop.UpdateAsync(new ITopWrite(UserClass, ITopKey.Id(user.Key), changes, Comment(identity), ["id"]), cancellationToken), cancellationToken);
        return (user.Key, managed);
    }

    private static List<string> ProfileNames(ITopObject user) =>
        user.Fields.TryGetValue("profile_list", out var list) && list is JArray items
            ? items.OfType<JObject>().Select(i => (string?)i["profile"]).OfType<string>().ToList()
            : [];

    private async Task<ITopObject> WriteAsync(
        string action, string className, long? key, object? before, ITopFields fields, ArenaIdentity identity,
        Func<Task<ITopObject>> write, CancellationToken cancellationToken)
    {
        var sent = fields.ToJson();
        var after = sent.Properties().ToDictionary(p => p.Name, p => p.Value.Type == JTokenType.String ? (string?)p.Value : p.Value.ToString(Newtonsoft.Json.Formatting.None));
        try
        {
            var written = await write();
            _changes.Add(action);
            await audit.RecordAsync(new AuditEntry(academy.Id, Actor, action, className, written.Key, null, "done", $"ARENA login {identity.Login}")
            {
                Before = before,
                After = after,
                ITopCode = ITopErrorCodes.Ok,
            }, cancellationToken);
            return written;
        }
        catch (Exception exception) when (exception is ITopException or ITopTransportException or ITopOutcomeUnknownException or ITopFormatException)
        {
            await audit.RecordAsync(new AuditEntry(academy.Id, Actor, action, className, key, null, "failed", exception.Message)
            {
                Before = before,
                After = after,
                ITopCode = (exception as ITopException)?.Code,
                ITopMessage = (exception as ITopException)?.ITopMessage,
            }, CancellationToken.None);
            throw new ProvisioningException($"iTop '{academy.Id}' refused {action} for '{identity.Login}': {exception.Message}", exception);
        }
    }
}
