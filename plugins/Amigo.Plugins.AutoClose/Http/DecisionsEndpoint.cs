namespace Amigo.Plugins.AutoClose.Http;

/// <summary><c>GET /api/academies/{academy}/autoclose/decisions?limit=50</c>: the plugin's latest audit entries, newest first.</summary>
public static class DecisionsEndpoint
{
    /// <summary>Most entries one call may ask for.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps the endpoint on the academy-scoped plugin group.</summary>
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("/decisions", ListAsync)
            .WithName("autoclose-decisions")
            .WithSummary("Latest auto-close decisions and writes of the academy (from the audit log).");

    /// <summary>Lists the decisions.</summary>
    public static async Task<IResult> ListAsync(IAcademyAccessor academy, IAuditLog audit, int? limit, CancellationToken cancellationToken)
    {
        var take = limit ?? 50;
        if (take is < 1 or > MaxLimit)
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["limit"] = [$"limit must be between 1 and {MaxLimit}."],
            });
        var records = await audit.RecentAsync(academy.Current.Id, AutoClosePlugin.PluginId, take, cancellationToken);
        return Results.Ok(records.Select(DecisionView.From).ToList());
    }
}

/// <summary>One audit entry of the plugin as the API shows it.</summary>
/// <param name="Id">Audit id.</param>
/// <param name="At">When it was recorded.</param>
/// <param name="TicketRef">Ticket reference.</param>
/// <param name="ITopId">iTop id.</param>
/// <param name="Action"><c>close</c> or <c>remind</c>.</param>
/// <param name="Outcome"><c>decided</c>, <c>done</c>, <c>skipped</c>, <c>failed</c>, <c>dry-run</c>.</param>
/// <param name="Reason">Reason code.</param>
/// <param name="DueAt">When the ticket was due, when recorded.</param>
/// <param name="ITopCode">iTop's answer code, when a call was made.</param>
/// <param name="ITopMessage">iTop's answer, when a call was made.</param>
/// <param name="JobRunId">The run.</param>
public sealed record DecisionView(long Id, DateTimeOffset At, string? TicketRef, long? ITopId, string Action, string Outcome,
    string? Reason, DateTimeOffset? DueAt, int? ITopCode, string? ITopMessage, long? JobRunId)
{
    /// <summary>Projects an audit record.</summary>
    public static DecisionView From(AuditRecord record)
    {
        var entry = record.Entry;
        return new DecisionView(record.Id, record.At, entry.TicketRef, entry.ITopKey, entry.Action, entry.Outcome, entry.Reason,
            ReadDueAt(entry.After), entry.ITopCode, entry.ITopMessage, entry.JobRunId);
    }

    /// <summary>The <c>due_at</c> of the recorded state, whatever shape the audit store gives it back in.</summary>
    internal static DateTimeOffset? ReadDueAt(object? state)
    {
        if (state is null) return null;
        try
        {
            var element = state switch
            {
                JsonElement json => json,
                string text => JsonDocument.Parse(text).RootElement,
                Newtonsoft.Json.Linq.JToken token => JsonDocument.Parse(token.ToString(Newtonsoft.Json.Formatting.None)).RootElement,
                _ => JsonSerializer.SerializeToElement(state),
            };
            return element.ValueKind == JsonValueKind.Object
                   && element.TryGetProperty("due_at", out var due)
                   && due.ValueKind == JsonValueKind.String
                   && due.TryGetDateTimeOffset(out var value)
                ? value
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
