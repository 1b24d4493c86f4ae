namespace Amigo.Plugins.Reassignment.Execution;

/// <summary>A team of an iTop instance.</summary>
/// <param name="Id">iTop id.</param>
/// <param name="Name">Name, e.g. <c>DSI Plateforme Assistance MPL</c>.</param>
public sealed record TeamRef(long Id, string Name);

/// <summary>Finds teams by name or id in one iTop, remembering answers for the duration of a run.</summary>
public sealed class TeamDirectory(IITopClient itop)
{
    private readonly Dictionary<string, TeamRef?> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The team named (or numbered) <paramref name="nameOrId"/>, or null when the iTop has none.</summary>
    public async Task<TeamRef?> FindAsync(string nameOrId, CancellationToken cancellationToken)
    {
        var wanted = nameOrId.Trim();
        if (_cache.TryGetValue(wanted, out var known)) return known;
        var key = long.TryParse(wanted, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id > 0
            ? ITopKey.Id(id)
            : ITopKey.Query(Oql.Select("Team").Where("name", "=", wanted).Build());
        var result = await itop.GetAsync(new ITopGetRequest("Team", key, ["id", "name"]), cancellationToken);
        var team = result.Objects.Count == 1
            ? new TeamRef(result.Objects[0].Key, result.Objects[0].GetString("name") ?? wanted)
            : null;
        _cache[wanted] = team;
        return team;
    }
}
