namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>Choices in <c>catalogue_choices</c>: one row per academy, subcategory and day, incremented in place.</summary>
public sealed class PostgresCatalogueChoiceStore(IConnectorDatabase database) : ICatalogueChoiceStore
{
    /// <inheritdoc />
    public async Task RecordAsync(string academyId, long subcategoryId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var command = database.DataSource.CreateCommand("""
            INSERT INTO catalogue_choices (academy_id, subcategory_id, day, choices) VALUES ($1, $2, $3, 1)
            ON CONFLICT (academy_id, subcategory_id, day) DO UPDATE SET choices = catalogue_choices.choices + 1
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = academyId });
        command.Parameters.Add(new NpgsqlParameter { Value = subcategoryId });
        command.Parameters.Add(new NpgsqlParameter { Value = day, NpgsqlDbType = NpgsqlDbType.Date });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
