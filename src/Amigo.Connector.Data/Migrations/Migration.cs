namespace Amigo.Connector.Data.Migrations;

/// <summary>One versioned SQL migration.</summary>
/// <param name="Version">Version number (the file name's numeric prefix, e.g. 1 for <c>0001_initial.sql</c>).</param>
/// <param name="Name">Descriptive name (the rest of the file name, e.g. <c>initial</c>).</param>
/// <param name="Sql">The SQL text, run in one transaction.</param>
/// <param name="Plugin">The plugin that ships it, or null for the connector's own migrations.</param>
public sealed record Migration(int Version, string Name, string Sql, string? Plugin = null)
{
    /// <summary>How messages name it: <c>0001_initial</c>, or <c>reporting/0001_views</c> for a plugin's.</summary>
    public string Label => Plugin is null ? $"{Version:D4}_{Name}" : $"{Plugin}/{Version:D4}_{Name}";

    /// <summary>SHA-256 of the SQL with line endings normalised, so an applied migration edited afterwards is detected.</summary>
    public string Checksum => ComputeChecksum(Sql); // computed from Sql so a copy made with `with { Sql = … }` is checksummed anew

    private static string ComputeChecksum(string sql)
    {
        var normalised = sql.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }
}
