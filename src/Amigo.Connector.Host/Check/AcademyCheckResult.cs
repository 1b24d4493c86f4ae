namespace Amigo.Connector.Host.Check;

/// <summary>The preflight of one academy.</summary>
/// <param name="Academy">Academy id.</param>
/// <param name="Url">The iTop checked.</param>
/// <param name="Lines">Every line, in checking order.</param>
/// <param name="CheckedAt">When it ended.</param>
public sealed record AcademyCheckResult(string Academy, string Url, IReadOnlyList<CheckLine> Lines, DateTimeOffset CheckedAt)
{
    /// <summary>Whether nothing blocks the academy's jobs.</summary>
    public bool Ready => Lines.All(l => l.Outcome != CheckOutcome.Failed);
}
