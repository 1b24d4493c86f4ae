namespace Amigo.Connector.Host.Check;

/// <summary>How a check ended.</summary>
public enum CheckOutcome
{
    /// <summary>Proven to work.</summary>
    Passed,

    /// <summary>Works, or cannot be proven read-only, but deserves a look; does not stop anything.</summary>
    Warning,

    /// <summary>Will make a job fail: a blocking problem.</summary>
    Failed,

    /// <summary>Not run because an earlier check failed (e.g. no credentials).</summary>
    Skipped,
}

/// <summary>One line of <c>amigo check</c>: what was checked, how it ended, what was seen and how to fix it.</summary>
/// <param name="Academy">Academy id.</param>
/// <param name="Check">Short name, e.g. <c>credentials</c>, <c>attributes UserRequest</c>.</param>
/// <param name="Outcome">Result.</param>
/// <param name="Detail">What was checked and what iTop answered.</param>
/// <param name="Fix">What to change when it is not <see cref="CheckOutcome.Passed"/>.</param>
public sealed record CheckLine(string Academy, string Check, CheckOutcome Outcome, string Detail, string? Fix = null)
{
    /// <summary>The mark printed before the line.</summary>
    public string Mark => Outcome switch
    {
        CheckOutcome.Passed => "✓",
        CheckOutcome.Warning => "!",
        CheckOutcome.Failed => "✗",
        _ => "-",
    };
}
