namespace Amigo.Connector.Data;

/// <summary>Settings of the connector database (section <c>Amigo:Database</c>).</summary>
public sealed class ConnectorDatabaseOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Amigo:Database";

    /// <summary>Npgsql connection string, e.g. <c>Host=db;Database=amigo;Username=amigo;Password=…</c> (or env <c>Amigo__Database__ConnectionString</c>).</summary>
    [Required(ErrorMessage = "Amigo:Database:ConnectionString is required (the connector's PostgreSQL database).")]
    public string ConnectionString { get; set; } = "";

    /// <summary>Apply pending migrations when the host starts (default true; `amigo db migrate` does it by hand).</summary>
    public bool MigrateOnStart { get; set; } = true;
}
