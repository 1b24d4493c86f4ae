using System.Globalization;
using Amigo.Connector.Simulation;
using Newtonsoft.Json.Linq;

namespace Amigo.Connector.Host.Tests.Faults;

/// <summary>
/// The iTop a fault case writes to, and what the assertions read back from it. <see cref="SimulatedFaultITop"/> is the
/// stateful simulation; a real-iTop variant (the CI lab, <c>AMIGO_ITOP_URL</c>/<c>_USER</c>/<c>_PASSWORD</c>) implements
/// the same members with REST calls (seed by <c>core/create</c> + backdating in MariaDB, count writes by reading
/// <c>CMDBChangeOp</c> objects whose <c>userinfo</c> carries the connector's keys) and is added to
/// <see cref="WriteBoundaryFaultTests.Targets"/>.
/// </summary>
public abstract class FaultITop : IDisposable
{
    public abstract string Url { get; }
    public abstract string User { get; }
    public abstract string Password { get; }

    /// <summary>A resolved UserRequest (resolved at <paramref name="resolvedLocal"/>, iTop local time); returns id and ref.</summary>
    public abstract (long Id, string Ref) AddResolved(DateTime resolvedLocal);

    /// <summary>A new UserRequest in team <paramref name="teamName"/>, no agent; returns id, ref and the team's id.</summary>
    public abstract (long Id, string Ref, long TeamId) AddNew(string teamName);

    /// <summary>Makes sure a team exists; returns its id.</summary>
    public abstract long Team(string name);

    public abstract string? Field(long ticketId, string attribute);

    /// <summary>How many REST writes (update, stimulus) the connector made to this ticket.</summary>
    public abstract int WritesTo(long ticketId);

    public abstract void Dispose();
}

/// <summary>The stateful simulation (in this process; the child <c>amigo</c> reaches it over HTTP).</summary>
public sealed class SimulatedFaultITop : FaultITop
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
    private readonly ITopSimulation _simulation;
    private readonly long _org;
    private readonly long _caller;

    public SimulatedFaultITop()
    {
        // The child process runs on the real clock: the simulated iTop's clock starts at the same instant.
        _simulation = ITopSimulation.Start(new ITopSimulationOptions { StartLocalTime = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime });
        _org = _simulation.Store.AddOrganization("Rectorat de l'académie de Toulouse", "0311240E");
        _caller = _simulation.Store.AddPerson(_org, "Jeanne", "Martin", "jeanne.martin@ac-toulouse.fr");
    }

    public override string Url => _simulation.Url;
    public override string User => ITopSimulationOptions.Connector.Login;
    public override string Password => ITopSimulationOptions.Connector.Password;

    public override (long Id, string Ref) AddResolved(DateTime resolvedLocal)
    {
        var id = _simulation.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = _org, CallerId = _caller, Status = "resolved", StartDate = resolvedLocal.AddDays(-2), AssignmentDate = resolvedLocal.AddDays(-1),
            ResolutionDate = resolvedLocal, LastUpdate = resolvedLocal, Solution = "<p>Le cache du navigateur a été vidé.</p>",
        });
        return (id, Field(id, "ref")!);
    }

    public override (long Id, string Ref, long TeamId) AddNew(string teamName)
    {
        var team = Team(teamName);
        var id = _simulation.Store.AddUserRequest(new ITopSimTicket
        {
            OrgId = _org, CallerId = _caller, Status = "new", TeamId = team, StartDate = _simulation.Clock.LocalNow.AddHours(-3),
        });
        return (id, Field(id, "ref")!, team);
    }

    public override long Team(string name) =>
        _simulation.Store.Ids("Team").FirstOrDefault(id => _simulation.Store.GetField("Team", id, "name") == name) is var found and > 0
            ? found
            : _simulation.Store.AddTeam(_org, name);

    public override string? Field(long ticketId, string attribute) => _simulation.Store.GetField("UserRequest", ticketId, attribute);

    public override int WritesTo(long ticketId) =>
        _simulation.CallsOf("core/apply_stimulus").Concat(_simulation.CallsOf("core/update"))
            .Count(call => call["key"] is JToken key && key.Type != JTokenType.Object
                           && long.TryParse(key.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id == ticketId);

    public override void Dispose() => _simulation.Dispose();
}
