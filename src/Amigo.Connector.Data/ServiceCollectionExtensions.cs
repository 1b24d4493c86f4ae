namespace Amigo.Connector.Data;

/// <summary>Registration of the data layer.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IConnectorDatabase"/> (singleton data source on <paramref name="connectionString"/>), the
    /// <see cref="MigrationRunner"/>, <see cref="IAuditLog"/> and every store.
    /// </summary>
    public static IServiceCollection AddConnectorData(this IServiceCollection services, string connectionString)
    {
        services.TryAddSingleton(_ => new ConnectorDatabase(connectionString));
        return services.AddConnectorDataStores();
    }

    /// <summary>Registers the stores on an <see cref="IConnectorDatabase"/> registered by the caller (or by <see cref="AddConnectorData"/>).</summary>
    public static IServiceCollection AddConnectorDataStores(this IServiceCollection services)
    {
        services.TryAddSingleton<IConnectorDatabase>(sp => sp.GetRequiredService<ConnectorDatabase>());
        services.TryAddSingleton(sp => sp.GetRequiredService<IConnectorDatabase>().DataSource);
        services.TryAddSingleton(TimeProvider.System);
        // The connector's migrations, then those of every plugin that registered its PluginMigrations.
        services.TryAddSingleton(sp => new MigrationRunner(sp.GetRequiredService<NpgsqlDataSource>(),
            plugins: sp.GetServices<PluginMigrations>(), clock: sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IAuditLog, PostgresAuditLog>();
        services.TryAddSingleton<JobRunStore>();
        services.TryAddSingleton<JobLock>();
        services.TryAddSingleton<WatermarkStore>();
        services.TryAddSingleton<PluginSwitchStore>();
        services.TryAddSingleton<AcademyStore>();
        services.TryAddSingleton<TicketQueries>();
        return services;
    }
}
