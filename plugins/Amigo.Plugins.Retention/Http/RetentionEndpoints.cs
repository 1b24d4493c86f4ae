namespace Amigo.Plugins.Retention.Http;

/// <summary>
/// <c>GET /api/academies/{academy}/retention/months</c>: tickets anonymised and deleted in iTop per month;
/// <c>GET …/retention/decisions?limit=50</c>: the plugin's latest audit entries, newest first.
/// </summary>
public static class RetentionEndpoints
{
    /// <summary>Most entries one call may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps the endpoints on the academy-scoped plugin group.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/months", MonthsAsync).WithName("retention-months")
            .WithSummary("Tickets anonymised (and deleted in iTop) per month of anonymisation, academy time zone.");
        group.MapGet("/decisions", DecisionsAsync).WithName("retention-decisions")
            .WithSummary("Latest retention runs, anonymisations and deletions of the academy (from the audit log).");
    }

    /// <summary>The months, newest first.</summary>
    public static async Task<IResult> MonthsAsync(IAcademyAccessor academy, RetentionStore store, CancellationToken cancellationToken) =>
        Results.Ok(await store.MonthlyAsync(academy.Current.Id, cancellationToken));

    /// <summary>The latest audit entries.</summary>
    public static async Task<IResult> DecisionsAsync(IAcademyAccessor academy, IAuditLog audit, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? 50;
        if (take is < 1 or > MaxLimit)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["limit"] = [$"limit must be between 1 and {MaxLimit}."] });
        var records = await audit.RecentAsync(academy.Current.Id, RetentionPlugin.PluginId, take, cancellationToken);
        return Results.Ok(records.Select(r => new
        {
            r.Id, r.At, r.Entry.TicketRef, iTopId = r.Entry.ITopKey, r.Entry.Action, r.Entry.Outcome, r.Entry.Reason,
            iTopCode = r.Entry.ITopCode, iTopMessage = r.Entry.ITopMessage, r.Entry.JobRunId,
        }).ToList());
    }
}
