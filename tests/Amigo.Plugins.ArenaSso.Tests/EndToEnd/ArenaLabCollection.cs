namespace Amigo.Plugins.ArenaSso.Tests.EndToEnd;

/// <summary>
/// The tests that use the lab's bridge deployment (tests/itop-lab/arena-web-root.sh: iTop on 8381, the bridge on the
/// fixed 8382 its app_root_url names) run one after the other, never in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ArenaLabCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "ARENA bridge on the iTop lab";
}
