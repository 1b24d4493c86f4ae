namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>PostgreSQL's percentile_cont (linear interpolation between the closest ranks), to compute expected answers.</summary>
public static class Percentile
{
    public static double Continuous(IEnumerable<double> values, double fraction)
    {
        var sorted = values.OrderBy(value => value).ToArray();
        if (sorted.Length == 0)
            throw new ArgumentException("No values.", nameof(values));
        var position = fraction * (sorted.Length - 1);
        var lower = (int)Math.Floor(position);
        var upper = (int)Math.Ceiling(position);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
    }
}
