namespace Amigo.Connector.Data.Tests;

public sealed class JobLockTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Second_holder_is_refused_until_the_first_releases()
    {
        // Two "hosts": separate data sources (separate pools) on the same database.
        await using var hostA = NpgsqlDataSource.Create(postgres.ConnectionString);
        await using var hostB = NpgsqlDataSource.Create(postgres.ConnectionString);
        var lockA = new JobLock(new ConnectorDatabase(hostA));
        var lockB = new JobLock(new ConnectorDatabase(hostB));

        var held = await lockA.TryAcquireAsync("toulouse", "sync");
        Assert.NotNull(held);
        Assert.Null(await lockB.TryAcquireAsync("toulouse", "sync"));
        await using (var other = await lockB.TryAcquireAsync("toulouse", "autoclose"))
        {
            Assert.NotNull(other); // another job of the same academy is independent
        }

        await using (var otherAcademy = await lockB.TryAcquireAsync("montpellier", "sync"))
        {
            Assert.NotNull(otherAcademy);
        }

        await held.DisposeAsync();
        await using var afterRelease = await lockB.TryAcquireAsync("toulouse", "sync");
        Assert.NotNull(afterRelease);
    }

    [Fact]
    public async Task Concurrent_contenders_get_the_lock_once()
    {
        var sources = Enumerable.Range(0, 6).Select(_ => NpgsqlDataSource.Create(postgres.ConnectionString)).ToList();
        try
        {
            using var start = new SemaphoreSlim(0);
            var attempts = sources.Select(source => Task.Run(async () =>
            {
                await start.WaitAsync();
                return await new JobLock(new ConnectorDatabase(source)).TryAcquireAsync("toulouse", "reporting.monthly");
            })).ToList();
            start.Release(attempts.Count);
            var handles = await Task.WhenAll(attempts);

            Assert.Single(handles, h => h is not null);
            foreach (var handle in handles.OfType<JobLockHandle>())
            {
                await handle.DisposeAsync();
            }
        }
        finally
        {
            foreach (var source in sources)
            {
                await source.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Lock_of_a_dead_session_is_released_by_the_server()
    {
        await using var hostA = NpgsqlDataSource.Create(postgres.ConnectionString);
        var database = new ConnectorDatabase(postgres.DataSource);
        var held = await new JobLock(new ConnectorDatabase(hostA)).TryAcquireAsync("toulouse", "sync");
        Assert.NotNull(held);
        Assert.True(await held.IsHeldAsync());

        // The host dies: its backend is terminated without any unlock.
        await using (var admin = await postgres.DataSource.OpenConnectionAsync())
        await using (var kill = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin))
        {
            kill.Parameters.AddWithValue("pid", held.BackendPid);
            await kill.ExecuteScalarAsync();
        }

        await using var next = await WaitForLockAsync(new JobLock(database));
        Assert.NotNull(next);
        Assert.False(await held.IsHeldAsync());
        await held.DisposeAsync();
    }

    private static async Task<JobLockHandle?> WaitForLockAsync(JobLock jobLock)
    {
        for (var i = 0; i < 50; i++)
        {
            if (await jobLock.TryAcquireAsync("toulouse", "sync") is { } handle)
            {
                return handle;
            }

            await Task.Delay(100);
        }

        return null;
    }
}
