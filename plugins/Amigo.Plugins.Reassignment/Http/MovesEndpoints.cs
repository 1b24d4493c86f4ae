namespace Amigo.Plugins.Reassignment.Http;

/// <summary><c>GET /api/academies/{academy}/reassign/moves?limit=50</c>: the academy's recent moves, newest first.</summary>
public static class MovesEndpoints
{
    /// <summary>Largest page the endpoint serves.</summary>
    public const int MaxLimit = 500;

    /// <summary>Maps the endpoints on the academy-scoped plugin group.</summary>
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapGet("/moves", ListAsync);
    }

    internal static async Task<IResult> ListAsync(IAcademyAccessor academy, IMoveStore moves, int? limit, CancellationToken cancellationToken)
    {
        var size = limit ?? 50;
        if (size is < 1 or > MaxLimit)
            return Results.Problem($"limit must be between 1 and {MaxLimit}.", statusCode: StatusCodes.Status400BadRequest);
        var rows = await moves.RecentAsync(academy.Current.Id, size, cancellationToken);
        return Results.Ok(rows.Select(move => new
        {
            move.Id, ticketId = move.TicketId, ticketRef = move.TicketRef, rule = move.RuleName, move.Kind, move.State,
            fromTeam = move.FromTeamName, toTeam = move.ToTeamName, targetAcademy = move.TargetAcademyId, targetRef = move.TargetRef,
            move.Reason, movedAt = move.MovedAt, updatedAt = move.UpdatedAt,
        }));
    }
}
