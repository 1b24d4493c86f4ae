namespace Amigo.Connector.Data.Tests;

/// <summary>The one advisory-lock helper: try-locks, waiting locks, names kept apart, and the job lock built on it.</summary>
public sealed class AdvisoryLockTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task A_held_name_is_refused_to_a_try_and_other_names_are_free()
    {
        var name = AdvisoryLockNames.Plugin("test", Guid.NewGuid().ToString("N"));
        await using var held = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name);

        Assert.NotNull(held);
        Assert.True(await held!.IsHeldAsync());
        Assert.Null(await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name));
        await using var other = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name + "-other");
        Assert.NotNull(other);

        await held.DisposeAsync();
        Assert.False(await held.IsHeldAsync());
        await using var again = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task A_waiting_acquire_gets_the_lock_when_the_holder_releases_it()
    {
        var name = AdvisoryLockNames.Plugin("test", Guid.NewGuid().ToString("N"));
        var first = await AdvisoryLock.AcquireAsync(postgres.DataSource, name);

        var waiting = AdvisoryLock.AcquireAsync(postgres.DataSource, name);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        await first.DisposeAsync();
        await using var second = await waiting.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(await second.IsHeldAsync());
    }

    [Fact]
    public async Task A_lock_whose_session_died_is_never_reported_held_again()
    {
        var name = AdvisoryLockNames.Plugin("test", Guid.NewGuid().ToString("N"));
        var held = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name);
        Assert.NotNull(held);

        await using (var admin = await postgres.DataSource.OpenConnectionAsync())
            await admin.ExecuteAsync("SELECT pg_terminate_backend(@pid)", new { pid = held!.BackendPid });

        // The first check meets the dead session; the later ones must not quietly open a new one (without the lock).
        Assert.False(await held.IsHeldAsync());
        Assert.False(await held.IsHeldAsync());
        await held.DisposeAsync();
        await using var again = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, name);
        Assert.NotNull(again);
    }

    [Fact]
    public async Task The_job_lock_is_the_advisory_lock_of_the_job_name()
    {
        var academy = "a" + Guid.NewGuid().ToString("N")[..8];
        await using var job = await new JobLock(new ConnectorDatabase(postgres.DataSource)).TryAcquireAsync(academy, "sync");

        Assert.NotNull(job);
        Assert.Null(await AdvisoryLock.TryAcquireAsync(postgres.DataSource, AdvisoryLockNames.Job(academy, "sync")));
        await using var plugin = await AdvisoryLock.TryAcquireAsync(postgres.DataSource, AdvisoryLockNames.Plugin(academy, "sync"));
        Assert.NotNull(plugin);
    }
}
