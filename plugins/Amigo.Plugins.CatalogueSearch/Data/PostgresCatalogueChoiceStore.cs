namespace Amigo.Plugins.CatalogueSearch.Data;

/// <summary>Choices in <c>catalogue_choices</c>: one row per academy, subcategory and day, incremented in place.</summary>
public sealed class PostgresCatalogueChoiceStore(IConnectorDatabase database) : ICatalogueChoiceStore
{
    /// <inheritdoc />
    public async Task RecordAsync(string academyId, long subcategoryId, DateOnly day, CancellationToken cancellationToken)
    {
        await using var connection = await database.DataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO catalogue_choices (academy_id, subcategory_id, day, choices) VALUES (@academy, @subcategory, @day, 1)
            ON CONFLICT (academy_id, subcategory_id, day) DO UPDATE SET choices = catalogue_choices.choices + 1
            """, new { academy = academyId, subcategory = subcategoryId, day }, cancellationToken: cancellationToken));
    }
}
