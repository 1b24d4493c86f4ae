namespace Amigo.Connector.Sync.Tests;

public sealed class RegistrationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddConnectorData(postgres.ConnectionString)
            .AddConnectorSync();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    [Fact]
    public void AddConnectorSync_registers_the_job_with_bound_options()
    {
        using var provider = Build(new() { ["Amigo:Sync:Overlap"] = "00:05:00", ["Amigo:Sync:BatchSize"] = "100" });
        using var scope = provider.CreateScope();

        Assert.NotNull(scope.ServiceProvider.GetRequiredService<SyncJob>());
        Assert.NotNull(provider.GetRequiredService<IConnectorDatabase>());
        var options = provider.GetRequiredService<IOptions<SyncOptions>>().Value;
        Assert.Equal(TimeSpan.FromMinutes(5), options.Overlap);
        Assert.Equal(100, options.BatchSize);
        Assert.Equal(SyncJob.JobId, SyncServiceCollectionExtensions.JobDefinition().Name);
        Assert.Equal(typeof(SyncJob), SyncServiceCollectionExtensions.JobDefinition().JobType);
    }

    [Fact]
    public void Bad_sync_settings_fail_with_a_message_naming_the_setting()
    {
        using var provider = Build(new() { ["Amigo:Sync:Overlap"] = "-00:01:00", ["Amigo:Sync:BatchSize"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SyncOptions>>().Value);

        Assert.Contains("BatchSize", error.Message, StringComparison.Ordinal);
    }
}
