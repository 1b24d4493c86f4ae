namespace Amigo.Connector.Testing.RealITop;

/// <summary>
/// A fact that needs the real iTop lab. Without its environment (<c>eval "$(scripts/itop-lab.sh env)"</c>) it is
/// reported skipped with the reason; CI starts the lab and exports it, so there it always runs.
/// </summary>
public sealed class RealITopFactAttribute : FactAttribute
{
    public RealITopFactAttribute()
    {
        if (RealITopLab.Current is null)
            Skip = "No real iTop lab: run scripts/itop-lab.sh start and eval \"$(scripts/itop-lab.sh env)\" (CI does).";
    }
}
