namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The simulation keeps iTop's change history as iTop 3.2 does (core/cmdbchange.class.inc.php,
/// core/cmdbchangeop.class.inc.php, webservices/rest.php): one <c>CMDBChange</c> per REST write, origin
/// <c>webservice-rest</c>, the call's comment as <c>userinfo</c>, one operation per changed attribute, readable by an
/// administrator only (like the real lab) — and <see cref="ITopChangeHistory"/> finds the connector's write by its key,
/// and only by its whole key: in the agent journal with the connector's own rights, in the history with an admin's.
/// </summary>
public sealed class ChangeHistoryTests
{
    [Fact]
    public async Task A_rest_write_is_a_change_with_its_comment_and_one_operation_per_attribute()
    {
        using var simulation = ITopSimulation.Start();
        var org = simulation.Store.AddOrganization("Rectorat", "0311240E");
        var id = simulation.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", ResolutionDate = simulation.Clock.LocalNow.AddDays(-20) });
        var other = simulation.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", ResolutionDate = simulation.Clock.LocalNow.AddDays(-20) });
        using var client = simulation.CreateClient();
        using var admin = simulation.CreateClient(o => o with { User = ITopSimulationOptions.Admin.Login, Password = ITopSimulationOptions.Admin.Password });

        await client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), "ev_close",
            new ITopFields().AppendToLog("public_log", "Demande clôturée automatiquement."), "Connecteur Amigo (autoclose) [autoclose:close:1:20261103]",
            ["id", "status"]));
        await client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(other), "ev_close", new ITopFields(), "Fermée par un agent", ["id"]));

        var refused = await Assert.ThrowsAsync<ITopUnauthorizedException>(() => client.GetAsync(new ITopGetRequest("CMDBChange", ITopKey.Id(1), ["date"])));
        Assert.Equal("The current user does not have enough permissions for reading data of class CMDBChange", refused.ITopMessage);
        var changes = await admin.GetAsync(new ITopGetRequest("CMDBChange", ITopKey.Query(Oql.Select("CMDBChange").WhereContains("userinfo", "autoclose").Build()),
            ["date", "userinfo", "user_id", "origin"]));
        var change = Assert.Single(changes.Objects);
        Assert.Equal(("webservice-rest", "Connecteur Amigo (autoclose) [autoclose:close:1:20261103]", ITopSimulationOptions.Connector.UserId),
            (change.GetString("origin"), change.GetString("userinfo"), change.GetString("user_id")));

        var status = await admin.GetAsync(new ITopGetRequest("CMDBChangeOpSetAttributeScalar",
            ITopKey.Query(Oql.Select("CMDBChangeOpSetAttributeScalar").Where("objclass", "=", "UserRequest").Where("objkey", "=", id).Where("attcode", "=", "status").Build()),
            ["change", "oldvalue", "newvalue", "userinfo"]));
        var op = Assert.Single(status.Objects);
        Assert.Equal(("resolved", "closed", change.Key), (op.GetString("oldvalue"), op.GetString("newvalue"), op.GetExternalKey("change")));

        // An administrator's account finds the write in the history (this write has no journal mark); the agent's cannot.
        var found = await ITopChangeHistory.FindAsync(admin, "UserRequest", id, "autoclose:close:1:20261103", CancellationToken.None);
        Assert.Contains(found, o => o.OperationClass == "CMDBChangeOpSetAttributeScalar");
        Assert.Contains(found, o => o.OperationClass == "CMDBChangeOpSetAttributeCaseLog");
        Assert.All(found, o => Assert.Equal(change.Key, o.ChangeId));
        Assert.Empty(await ITopChangeHistory.FindAsync(admin, "UserRequest", id, "autoclose:close:1:2026", CancellationToken.None));
        Assert.Empty(await ITopChangeHistory.FindAsync(admin, "UserRequest", other, "autoclose:close:1:20261103", CancellationToken.None));
        Assert.Empty(await ITopChangeHistory.FindAsync(client, "UserRequest", id, "autoclose:close:1:20261103", CancellationToken.None));
    }

    [Fact]
    public async Task The_connectors_own_account_finds_its_write_by_the_journal_mark_and_only_by_its_whole_key()
    {
        using var simulation = ITopSimulation.Start();
        var org = simulation.Store.AddOrganization("Rectorat", "0311240E");
        var id = simulation.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", ResolutionDate = simulation.Clock.LocalNow.AddDays(-20) });
        var other = simulation.Store.AddUserRequest(new ITopSimTicket { OrgId = org, Status = "resolved", ResolutionDate = simulation.Clock.LocalNow.AddDays(-20) });
        using var client = simulation.CreateClient();
        const string key = "autoclose:close:1:20261103";

        await client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), "ev_close",
            new ITopFields().AppendToLog("public_log", "Demande clôturée automatiquement.")
                .AppendToLog(ITopChangeHistory.JournalAttribute, ITopChangeHistory.JournalLine("Clôture automatique", key)),
            $"Connecteur Amigo (autoclose) {ITopChangeHistory.Marker(key)}", ["id"]));

        var found = Assert.Single(await ITopChangeHistory.FindAsync(client, "UserRequest", id, key, CancellationToken.None));
        Assert.Equal("CaseLog:private_log", found.OperationClass);
        Assert.Contains($"[{key}]", found.UserInfo);
        Assert.Empty(await ITopChangeHistory.FindAsync(client, "UserRequest", id, "autoclose:close:1:2026", CancellationToken.None));
        Assert.Empty(await ITopChangeHistory.FindAsync(client, "UserRequest", other, key, CancellationToken.None));
    }
}
