namespace Amigo.Plugins.AutoClose.Running;

/// <summary>Reads tickets from iTop with the explicit field list of <see cref="TicketSnapshot"/>.</summary>
internal sealed class TicketReader(IITopClient itop)
{
    /// <summary>Ids per <c>core/get</c>: with explicit fields iTop answers 100 objects as fast as one.</summary>
    public const int BatchSize = 100;

    /// <summary>The tickets of <paramref name="ids"/> that still exist, by id.</summary>
    public async Task<IReadOnlyDictionary<long, TicketSnapshot>> ReadManyAsync(IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return new Dictionary<long, TicketSnapshot>();
        var query = Oql.Select(TicketSnapshot.ClassName).WhereIn("id", ids.Cast<object>()).Build();
        var answer = await itop.GetAsync(new ITopGetRequest(TicketSnapshot.ClassName, ITopKey.Query(query), TicketSnapshot.OutputFields), cancellationToken);
        return answer.Objects.Select(TicketSnapshot.From).ToDictionary(ticket => ticket.ITopId);
    }

    /// <summary>One ticket read again just before a write; null when it no longer exists.</summary>
    public async Task<TicketSnapshot?> ReadOneAsync(long id, CancellationToken cancellationToken)
    {
        var answer = await itop.GetAsync(new ITopGetRequest(TicketSnapshot.ClassName, ITopKey.Id(id), TicketSnapshot.OutputFields), cancellationToken);
        return answer.Objects.Count == 0 ? null : TicketSnapshot.From(answer.Objects[0]);
    }
}
