namespace Amigo.Connector.Sync;

/// <summary>Registration of the sync.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="SyncEngine"/>, <see cref="SyncJob"/> (scoped, for a fresh scope per run) and
    /// <see cref="SyncOptions"/> bound to <c>Amigo:Sync</c> and validated at start-up. Needs the connector database
    /// (<see cref="Data.ServiceCollectionExtensions.AddConnectorData"/>).
    /// </summary>
    public static IServiceCollection AddConnectorSync(this IServiceCollection services)
    {
        services.AddOptions<SyncOptions>().BindConfiguration(SyncOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddConnectorDataStores();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SyncEngine>();
        services.TryAddScoped<SyncJob>();
        return services;
    }

    /// <summary>The job definition the host schedules for every academy (job id <c>sync</c>).</summary>
    public static PluginJobDefinition JobDefinition(string? schedule = "*/5 * * * *") =>
        new(SyncJob.JobId, "Copies the academy's iTop (tickets, organizations, persons, teams, catalogue) into PostgreSQL; full=true for a full sync.", schedule, typeof(SyncJob));
}
