namespace Amigo.Connector.Sync;

/// <summary>
/// The UTF-8 name of the lifecycle group of a status code given as UTF-8, remembered per distinct code: an academy has
/// a handful of statuses, so after the first tickets no string is made for any of them.
/// </summary>
internal sealed class StatusGroupNames(LifecycleProfile lifecycle)
{
    // Past this many distinct codes (not a real lifecycle) the rest are looked up every time rather than remembered.
    private const int MaxRemembered = 64;
    private readonly byte[] _ofNoStatus = Encoding.UTF8.GetBytes(lifecycle.GroupOf(null).ToString());
    private readonly List<(byte[] Status, byte[] Group)> _known = [];

    /// <summary>The group of <paramref name="status"/>; an empty status (null or <c>""</c> in iTop) has no code.</summary>
    public ReadOnlySpan<byte> Of(ReadOnlySpan<byte> status)
    {
        if (status.IsEmpty)
        {
            return _ofNoStatus;
        }

        foreach (var (code, group) in System.Runtime.InteropServices.CollectionsMarshal.AsSpan(_known))
        {
            if (status.SequenceEqual(code))
            {
                return group;
            }
        }

        var name = Encoding.UTF8.GetBytes(lifecycle.GroupOf(Encoding.UTF8.GetString(status)).ToString());
        if (_known.Count < MaxRemembered)
        {
            _known.Add((status.ToArray(), name));
        }

        return name;
    }
}
