namespace Amigo.Plugins.Reassignment.Rules;

/// <summary>The rule that matched a ticket, with the establishment as read for it.</summary>
/// <param name="Rule">The first matching rule.</param>
/// <param name="Establishment">The establishment's reading (also when no rule looked at it).</param>
public sealed record RuleMatch(ReassignmentRule Rule, EstablishmentInfo Establishment);

/// <summary>Evaluates an academy's rules in order against a ticket: first match wins. Pure: no I/O.</summary>
public sealed class RuleEvaluator(EstablishmentResolver establishments, TimeProvider time)
{
    /// <summary>The first rule whose conditions all hold, or null.</summary>
    public RuleMatch? FirstMatch(TicketFacts ticket, ReassignmentSettings settings, LifecycleProfile lifecycle)
    {
        var establishment = establishments.Resolve(ticket.EstablishmentUai, settings.AcceptUncheckedUai);
        foreach (var rule in settings.Rules)
            if (Matches(rule, ticket, establishment, lifecycle))
                return new RuleMatch(rule, establishment);
        return null;
    }

    /// <summary>Reads the establishment of a ticket as the rules do.</summary>
    public EstablishmentInfo Establishment(TicketFacts ticket, ReassignmentSettings settings) =>
        establishments.Resolve(ticket.EstablishmentUai, settings.AcceptUncheckedUai);

    /// <summary>Whether every condition of <paramref name="rule"/> holds for <paramref name="ticket"/>.</summary>
    public bool Matches(ReassignmentRule rule, TicketFacts ticket, EstablishmentInfo establishment, LifecycleProfile lifecycle)
    {
        if (rule.TeamIn.Count > 0 && !AnyMatches(rule.TeamIn, ticket.TeamId, ticket.TeamName)) return false;
        if (rule.TeamNotIn.Count > 0 && AnyMatches(rule.TeamNotIn, ticket.TeamId, ticket.TeamName)) return false;
        if (rule.StatusGroups.Count > 0 && !rule.StatusGroups.Contains(lifecycle.GroupOf(ticket.Status))) return false;
        if (rule.Statuses.Count > 0 && !rule.Statuses.Contains(ticket.Status, StringComparer.Ordinal)) return false;
        if (rule.Services.Count > 0 && !AnyMatches(rule.Services, ticket.ServiceId, ticket.ServiceName)) return false;
        if (rule.Subcategories.Count > 0 && !AnyMatches(rule.Subcategories, ticket.SubcategoryId, ticket.SubcategoryName)) return false;
        if (rule.CallerOrganizations.Count > 0 && !AnyMatches(rule.CallerOrganizations, ticket.OrganizationId, ticket.OrganizationName)) return false;
        if (rule.EstablishmentUai.Count > 0 && !UaiMatches(rule.EstablishmentUai, establishment)) return false;
        if (rule.EstablishmentAcademies.Count > 0
            && (establishment.AcademyId is null
                || !rule.EstablishmentAcademies.Contains(establishment.AcademyId, StringComparer.OrdinalIgnoreCase))) return false;
        if (rule.AgentAssigned is { } mustHaveAgent && mustHaveAgent != ticket.AgentId.HasValue) return false;
        if (rule.MinSinceDispatch is not null || rule.MaxSinceDispatch is not null)
        {
            if (ticket.DispatchedAt is not { } dispatchedAt) return false;
            var age = time.GetUtcNow() - dispatchedAt;
            if (rule.MinSinceDispatch is { } min && age < min) return false;
            if (rule.MaxSinceDispatch is { } max && age > max) return false;
        }
        return true;
    }

    /// <summary>Whether a configured entry names this object: by id (digits) or by name, case-insensitively.</summary>
    public static bool AnyMatches(IEnumerable<string> entries, long? id, string? name)
    {
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (id is { } key && long.TryParse(entry, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wanted) && wanted == key)
                return true;
            if (name is not null && string.Equals(entry, name.Trim(), StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    private static bool UaiMatches(IEnumerable<string> patterns, EstablishmentInfo establishment)
    {
        // An invalid code matches a UAI pattern only when it is routable (accepted unchecked).
        if (establishment.Departement is null || establishment.Input is null) return false;
        var code = establishment.Input.Trim().ToUpperInvariant();
        foreach (var raw in patterns)
        {
            var pattern = raw.Trim().ToUpperInvariant();
            if (pattern.EndsWith('*') ? code.StartsWith(pattern[..^1], StringComparison.Ordinal) : code == pattern) return true;
        }
        return false;
    }
}
