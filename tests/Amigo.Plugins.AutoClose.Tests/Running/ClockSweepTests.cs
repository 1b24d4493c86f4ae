namespace Amigo.Plugins.AutoClose.Tests.Running;

/// <summary>
/// Auto-close closes exactly the due set by the host's clock on any date: years from the day the suite runs (a
/// component reading the machine's clock closes everything, or nothing), on both DST nights, on holidays and a
/// Saturday. The near-boundary tickets sit an hour and a minute either side of the due moment, so an hour's DST
/// shift cannot move them across it.
/// </summary>
public sealed class ClockSweepTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [MemberData(nameof(ClockSweep.Moments), MemberType = typeof(ClockSweep))]
    public async Task Closes_exactly_the_due_set_by_the_host_clock(string moment)
    {
        var now = ClockSweep.Local(moment);
        using var scenario = AutoCloseScenario.Create(postgres, now);
        var justDue = await scenario.AddResolvedAsync(now.AddDays(-14).AddMinutes(-61));
        var notYetDue = await scenario.AddResolvedAsync(now.AddDays(-14).AddMinutes(61));
        var thirteenDays = await scenario.AddResolvedAsync(now.AddDays(-13));
        var fifteenDays = await scenario.AddResolvedAsync(now.AddDays(-15));
        var thirtyDays = await scenario.AddResolvedAsync(now.AddDays(-30));
        var replied = await scenario.AddResolvedAsync(now.AddDays(-15));
        scenario.Simulation.Store.AppendCaseLog(replied, "public_log", "Toujours en panne.", now.AddDays(-14), scenario.CallerName, "7");

        var report = await scenario.RunAsync();

        Assert.Equal(3, report["closed"]);
        Assert.Equal(1, report[$"skipped.{SkipReasons.RequesterReplied}"]);
        Assert.All(new[] { justDue, fifteenDays, thirtyDays }, id => Assert.Equal("closed", scenario.Status(id)));
        Assert.All(new[] { notYetDue, thirteenDays, replied }, id => Assert.Equal("resolved", scenario.Status(id)));
        Assert.All((await scenario.AuditAsync()).Where(a => a.Entry.Outcome == "done"),
            done => Assert.Equal(scenario.Time.GetUtcNow(), done.At));

        // A second run closes nothing more.
        Assert.Equal(0, (await scenario.RunAsync()).Counts.GetValueOrDefault("closed"));
    }
}
