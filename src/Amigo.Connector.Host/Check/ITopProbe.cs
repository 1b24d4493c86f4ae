namespace Amigo.Connector.Host.Check;

/// <summary>What iTop's answers mean for the preflight: keys that match nothing, refusals told apart by their text.</summary>
internal static partial class ITopProbe
{
    /// <summary>A key that matches no object: iTop still validates the class, the attribute codes and the rights.</summary>
    public static ITopKey Nothing(string className) => ITopKey.Query(Oql.Select(className).Where("id", "=", 0).Build());

    /// <summary>Comment of the probing writes (they match no object: iTop records nothing).</summary>
    public const string Comment = "amigo check: read-only probe (the key matches no object)";

    /// <summary>Code 1 for an account without the REST Services User profile (recording 17), not for bad credentials ("Invalid login").</summary>
    public static bool IsMissingRestProfile(ITopException error) =>
        error.ITopMessage.Contains("REST Services User", StringComparison.OrdinalIgnoreCase)
        || error.ITopMessage.Contains("not authorized to use the web services", StringComparison.OrdinalIgnoreCase);

    /// <summary>The attribute code iTop refused in <c>output_fields</c> or <c>fields</c> (code 100), or null.</summary>
    public static string? InvalidAttribute(ITopException error) =>
        error.Code == ITopErrorCodes.InternalError && InvalidAttributePattern().Match(error.ITopMessage) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("invalid attribute code '([^']+)'", RegexOptions.IgnoreCase)]
    private static partial Regex InvalidAttributePattern();
}
