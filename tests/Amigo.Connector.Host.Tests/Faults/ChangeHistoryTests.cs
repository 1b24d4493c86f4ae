using Amigo.Connector.Contracts.Audit;
using Amigo.Connector.ITop;
using Amigo.Connector.Simulation;

namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The simulation keeps iTop's change history as iTop 3.2 does (core/cmdbchange.class.inc.php,
/// core/cmdbchangeop.class.inc.php, webservices/rest.php): one <c>CMDBChange</c> per REST write, origin
/// <c>webservice-rest</c>, the call's comment as <c>userinfo</c>, one operation per changed attribute — and
/// <see cref="ITopChangeHistory"/> finds the connector's write by its key, and only by its whole key.
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

        await client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(id), "ev_close",
            new ITopFields().AppendToLog("public_log", "Demande clôturée automatiquement."), "Connecteur Amigo (autoclose) [autoclose:close:1:20261103]",
            ["id", "status"]));
        await client.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(other), "ev_close", new ITopFields(), "Fermée par un agent", ["id"]));

        var changes = await client.GetAsync(new ITopGetRequest("CMDBChange", ITopKey.Query(Oql.Select("CMDBChange").WhereContains("userinfo", "autoclose").Build()),
            ["date", "userinfo", "user_id", "origin"]));
        var change = Assert.Single(changes.Objects);
        Assert.Equal(("webservice-rest", "Connecteur Amigo (autoclose) [autoclose:close:1:20261103]", ITopSimulationOptions.Connector.UserId),
            (change.GetString("origin"), change.GetString("userinfo"), change.GetString("user_id")));

        var status = await client.GetAsync(new ITopGetRequest("CMDBChangeOpSetAttributeScalar",
            ITopKey.Query(Oql.Select("CMDBChangeOpSetAttributeScalar").Where("objclass", "=", "UserRequest").Where("objkey", "=", id).Where("attcode", "=", "status").Build()),
            ["change", "oldvalue", "newvalue", "userinfo"]));
        var op = Assert.Single(status.Objects);
        Assert.Equal(("resolved", "closed", change.Key), (op.GetString("oldvalue"), op.GetString("newvalue"), op.GetExternalKey("change")));

        var found = await ITopChangeHistory.FindAsync(client, "UserRequest", id, "autoclose:close:1:20261103", CancellationToken.None);
        Assert.Contains(found, o => o.OperationClass == "CMDBChangeOpSetAttributeScalar");
        Assert.Contains(found, o => o.OperationClass == "CMDBChangeOpSetAttributeCaseLog");
        Assert.All(found, o => Assert.Equal(change.Key, o.ChangeId));
        Assert.Empty(await ITopChangeHistory.FindAsync(client, "UserRequest", id, "autoclose:close:1:2026", CancellationToken.None));
        Assert.Empty(await ITopChangeHistory.FindAsync(client, "UserRequest", other, "autoclose:close:1:20261103", CancellationToken.None));
    }
}
