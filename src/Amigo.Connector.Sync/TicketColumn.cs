namespace Amigo.Connector.Sync;

/// <summary>
/// A column of the ticket staging table: its name, the rule that makes its value and the UserRequest attribute the rule
/// reads (null for an unmapped field-map attribute, or for the object's id). The PostgreSQL type follows from the rule.
/// </summary>
internal sealed record TicketColumn(string Name, TicketRule Rule, string? Attribute)
{
    /// <summary>The staged type (and the binary encoding) of the column.</summary>
    public NpgsqlDbType Type => Rule switch
    {
        TicketRule.ObjectKey or TicketRule.ExternalKey => NpgsqlDbType.Bigint,
        TicketRule.Instant => NpgsqlDbType.TimestampTz,
        _ => NpgsqlDbType.Text,
    };
}
