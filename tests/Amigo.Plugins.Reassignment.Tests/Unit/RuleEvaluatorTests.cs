namespace Amigo.Plugins.Reassignment.Tests.Unit;

public sealed class RuleEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(Now);
    private readonly RuleEvaluator _evaluator;

    public RuleEvaluatorTests() => _evaluator = new RuleEvaluator(new EstablishmentResolver(new DepartementAcademies()), _time);

    private static TicketFacts Ticket(string? uai = "0340100Z", string team = "Équipe support Académie de Toulouse", long teamId = 6,
        string status = "assigned", long? agent = null, DateTimeOffset? dispatched = null) => new()
    {
        Id = 64, Ref = "R-000064", Status = status, TeamId = teamId, TeamName = team, AgentId = agent,
        ServiceId = 1, ServiceName = "Webmail académique", SubcategoryId = 2, SubcategoryName = "Dysfonctionnement",
        OrganizationId = 3, OrganizationName = "Académie de Montpellier", EstablishmentUai = uai, DispatchedAt = dispatched ?? Now.AddHours(-2),
    };

    private static ReassignmentSettings Settings(params ReassignmentRule[] rules) => new() { Rules = [.. rules] };

    private static ReassignmentRule ToMpl(string name = "mpl") => new()
    {
        Name = name, EstablishmentAcademies = ["montpellier"], TeamNotIn = ["DSI Plateforme Assistance MPL"], TargetTeam = "DSI Plateforme Assistance MPL",
    };

    [Fact]
    public void First_matching_rule_wins_in_declaration_order()
    {
        var catchAll = new ReassignmentRule { Name = "all", TargetTeam = "HELPDESK" };
        var settings = Settings(ToMpl("first"), catchAll, ToMpl("third"));

        Assert.Equal("first", _evaluator.FirstMatch(Ticket(), settings, BuiltInProfiles.Stock)?.Rule.Name);
        Assert.Equal("all", _evaluator.FirstMatch(Ticket(uai: "0310094J"), settings, BuiltInProfiles.Stock)?.Rule.Name);
    }

    [Fact]
    public void Establishment_academy_comes_from_the_uai_code()
    {
        var valid = "0340100" + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(340100 % 23)];
        var settings = Settings(ToMpl());

        Assert.NotNull(_evaluator.FirstMatch(Ticket(uai: valid), settings, BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(uai: "0310094J"), settings, BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(uai: null), settings, BuiltInProfiles.Stock));
    }

    [Fact]
    public void An_invalid_check_letter_matches_only_where_unchecked_codes_are_accepted()
    {
        var strict = Settings(ToMpl());
        var lenient = new ReassignmentSettings { Rules = [ToMpl()], AcceptUncheckedUai = true };

        Assert.Null(_evaluator.FirstMatch(Ticket(uai: "0340024T"), strict, BuiltInProfiles.Stock));
        var match = _evaluator.FirstMatch(Ticket(uai: "0340024T"), lenient, BuiltInProfiles.Stock);
        Assert.NotNull(match);
        Assert.True(match.Establishment.RoutedUnchecked);
        Assert.Null(_evaluator.FirstMatch(Ticket(uai: "034002T"), lenient, BuiltInProfiles.Stock));
    }

    [Fact]
    public void Team_sets_match_by_name_case_insensitively_or_by_id()
    {
        var byName = new ReassignmentRule { Name = "n", TeamIn = ["équipe SUPPORT académie de toulouse"], TargetTeam = "x" };
        var byId = new ReassignmentRule { Name = "i", TeamIn = ["6"], TargetTeam = "x" };
        var notIn = new ReassignmentRule { Name = "o", TeamNotIn = ["6"], TargetTeam = "x" };

        Assert.NotNull(_evaluator.FirstMatch(Ticket(), Settings(byName), BuiltInProfiles.Stock));
        Assert.NotNull(_evaluator.FirstMatch(Ticket(), Settings(byId), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(teamId: 7), Settings(byId), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(), Settings(notIn), BuiltInProfiles.Stock));
        Assert.NotNull(_evaluator.FirstMatch(Ticket(teamId: 2, team: "HELPDESK"), Settings(notIn), BuiltInProfiles.Stock));
    }

    [Theory]
    [InlineData("new", StatusGroup.Open, true)]
    [InlineData("pending", StatusGroup.Open, false)]
    [InlineData("pending", StatusGroup.Waiting, true)]
    [InlineData("resolved", StatusGroup.Open, false)]
    public void Status_group_comes_from_the_lifecycle_profile(string status, StatusGroup group, bool expected)
    {
        var rule = new ReassignmentRule { Name = "g", StatusGroups = [group], TargetTeam = "x" };

        Assert.Equal(expected, _evaluator.FirstMatch(Ticket(status: status), Settings(rule), BuiltInProfiles.Stock) is not null);
    }

    [Fact]
    public void Service_subcategory_and_caller_organization_match_by_name_or_id()
    {
        var rule = new ReassignmentRule
        {
            Name = "s", Services = ["webmail ACADÉMIQUE"], Subcategories = ["2"], CallerOrganizations = ["Académie de Montpellier"], TargetTeam = "x",
        };
        var otherService = Ticket() with { ServiceId = 9, ServiceName = "Agenda" };
        var otherOrg = Ticket() with { OrganizationId = 2, OrganizationName = "Académie de Toulouse" };

        Assert.NotNull(_evaluator.FirstMatch(Ticket(), Settings(rule), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(otherService, Settings(rule), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(otherOrg, Settings(rule), BuiltInProfiles.Stock));
    }

    [Fact]
    public void Uai_patterns_accept_exact_codes_and_prefixes()
    {
        var exact = new ReassignmentRule { Name = "e", EstablishmentUai = ["0310094j"], TargetTeam = "x" };
        var prefix = new ReassignmentRule { Name = "p", EstablishmentUai = ["031*"], TargetTeam = "x" };

        Assert.NotNull(_evaluator.FirstMatch(Ticket(uai: "0310094J"), Settings(exact), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(uai: "0311240E"), Settings(exact), BuiltInProfiles.Stock));
        Assert.NotNull(_evaluator.FirstMatch(Ticket(uai: "0311240E"), Settings(prefix), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(uai: "0140096D"), Settings(prefix), BuiltInProfiles.Stock));
    }

    [Fact]
    public void Time_since_dispatch_bounds_are_inclusive_windows_on_the_clock()
    {
        var rule = new ReassignmentRule { Name = "t", MinSinceDispatch = TimeSpan.FromMinutes(30), MaxSinceDispatch = TimeSpan.FromDays(2), TargetTeam = "x" };

        Assert.Null(_evaluator.FirstMatch(Ticket(dispatched: Now.AddMinutes(-10)), Settings(rule), BuiltInProfiles.Stock));
        Assert.NotNull(_evaluator.FirstMatch(Ticket(dispatched: Now.AddMinutes(-30)), Settings(rule), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(dispatched: Now.AddDays(-3)), Settings(rule), BuiltInProfiles.Stock));

        _time.Advance(TimeSpan.FromMinutes(25));
        Assert.NotNull(_evaluator.FirstMatch(Ticket(dispatched: Now.AddMinutes(-10)), Settings(rule), BuiltInProfiles.Stock));
    }

    [Fact]
    public void Agent_condition_distinguishes_assigned_tickets()
    {
        var withAgent = new ReassignmentRule { Name = "a", AgentAssigned = true, TargetTeam = "x" };
        var withoutAgent = new ReassignmentRule { Name = "b", AgentAssigned = false, TargetTeam = "x" };

        Assert.NotNull(_evaluator.FirstMatch(Ticket(agent: 9), Settings(withAgent), BuiltInProfiles.Stock));
        Assert.Null(_evaluator.FirstMatch(Ticket(), Settings(withAgent), BuiltInProfiles.Stock));
        Assert.Equal("b", _evaluator.FirstMatch(Ticket(), Settings(withAgent, withoutAgent), BuiltInProfiles.Stock)?.Rule.Name);
    }
}
