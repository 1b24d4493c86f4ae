namespace Amigo.Connector.Simulation;

/// <summary>Stored links of indirect link sets (e.g. a user's <c>profile_list</c>): read as rows, written whole.</summary>
public sealed partial class ITopSimulationStore
{
    /// <summary>The links of <paramref name="owner"/>'s link set, in id order.</summary>
    internal IEnumerable<SimObject> StoredLinks(SimObject owner, SimAttribute linkSet) =>
        All(linkSet.Target!).Where(link => link.Values.GetValueOrDefault(linkSet.Via!) == Key(owner.Id)).OrderBy(link => link.Id).ToList();

    /// <summary>
    /// A link set as iTop answers it: one object per link with every attribute of the link class except the key to
    /// the owner and what derives from it (iTop's <c>ObjectResult::MakeResultValue</c> leaves them out as redundant).
    /// </summary>
    private JArray StoredLinkRows(SimObject owner, SimAttribute linkSet)
    {
        var linkClass = Class(linkSet.Target!);
        return new JArray(StoredLinks(owner, linkSet).Select(link =>
        {
            var row = new JObject();
            foreach (var attribute in linkClass.Star.Where(a => !IsAboutOwner(a, linkSet.Via!)))
                row[attribute.Code] = Resolve(link, attribute.Code);
            return row;
        }));
    }

    private static bool IsAboutOwner(SimAttribute attribute, string keyToOwner) =>
        attribute.Code == keyToOwner || (attribute.Kind == SimKind.ExternalField && attribute.Via == keyToOwner)
        || attribute.Code == keyToOwner + "_friendlyname" || attribute.Code == keyToOwner + "_obsolescence_flag";

    /// <summary>
    /// Stores the link sets written on <paramref name="owner"/> (its <see cref="SimObject.PendingLinks"/>): a link
    /// whose remote object is already linked is kept (same link id), new ones are created, the others deleted.
    /// Callers hold <see cref="Sync"/> and have saved <paramref name="owner"/> under its final id.
    /// </summary>
    internal void SaveLinks(SimObject owner)
    {
        var cls = Class(owner.ClassName);
        foreach (var (code, wanted) in owner.PendingLinks)
        {
            cls.TryGet(code, out var linkSet);
            var existing = StoredLinks(owner, linkSet!).ToList();
            var kept = new HashSet<long>();
            foreach (var link in wanted)
            {
                var remote = link.Values.GetValueOrDefault(linkSet!.Remote!, "0");
                var match = existing.FirstOrDefault(e => !kept.Contains(e.Id) && e.Values.GetValueOrDefault(linkSet.Remote!) == remote);
                var stored = match ?? Insert(linkSet.Target!, NewId(linkSet.Target!));
                foreach (var (k, v) in link.Values) stored.Values[k] = v;
                stored.Values[linkSet.Via!] = Key(owner.Id);
                kept.Add(stored.Id);
            }
            foreach (var gone in existing.Where(e => !kept.Contains(e.Id)))
                _objects[linkSet!.Target!].Remove(gone.Id);
        }
        owner.PendingLinks.Clear();
    }

    /// <summary>Deletes the links of every writable link set of <paramref name="owner"/>.</summary>
    /// <summary>The link rows <paramref name="owner"/> owns (deleted with it), newest first like iTop lists them.</summary>
    internal IEnumerable<SimObject> OwnedLinks(SimObject owner)
    {
        lock (Sync)
            return [.. Class(owner.ClassName).WritableLinkSets.SelectMany(linkSet => StoredLinks(owner, linkSet)).OrderByDescending(link => link.Id)];
    }

    private void RemoveLinksOf(SimObject owner)
    {
        foreach (var linkSet in Class(owner.ClassName).WritableLinkSets)
            foreach (var link in StoredLinks(owner, linkSet))
                _objects[linkSet.Target!].Remove(link.Id);
    }
}
