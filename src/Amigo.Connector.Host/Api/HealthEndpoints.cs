namespace Amigo.Connector.Host.Api;

/// <summary><c>GET /health</c>: the database and each academy's iTop (<c>list_operations</c>); 200 when all answer, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(10);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", async (IConnectorDatabase database, IAcademyRegistry registry, JobRunStore runs, Plugins.PluginHostedServiceGate pluginServices, CancellationToken cancellationToken) =>
        {
            var databaseCheck = await CheckAsync(async token =>
            {
                await using var connection = await database.DataSource.OpenConnectionAsync(token);
                await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: token));
                return null;
            }, cancellationToken);
            // The last outcome of every (academy, job): a partial or failed run shows here, not only in the logs.
            IReadOnlyList<LastRun> lastRuns = [];
            if (databaseCheck.Status == "healthy")
            {
                try
                {
                    lastRuns = (await runs.LatestOutcomesAsync(null, cancellationToken))
                        .Select(r => new LastRun(r.AcademyId, r.JobId, r.Outcome, r.Id, r.EndedAt, r.Error ?? r.Summary)).ToList();
                }
                catch (NpgsqlException)
                {
                    // Reachability is what /health reports; the runs are a bonus.
                }
            }
            var academies = await Task.WhenAll(registry.All.Select(async academy =>
            {
                var check = await CheckAsync(async token => $"{(await academy.ITop.ListOperationsAsync(token)).Count} operations", cancellationToken);
                return new AcademyHealth(academy.Id, check.Status, check.ElapsedMs, check.Detail);
            }));
            var healthy = databaseCheck.Status == "healthy" && academies.All(a => a.Status == "healthy");
            var report = new HealthReport(healthy ? "healthy" : "unhealthy", databaseCheck, academies, lastRuns, pluginServices.Statuses);
            return Results.Json(report, statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        })
        .WithName("Health")
        .WithSummary("Database and iTop reachability")
        .Produces<HealthReport>()
        .Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<CheckResult> CheckAsync(Func<CancellationToken, Task<string?>> check, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(CheckTimeout);
        var watch = Stopwatch.StartNew();
        try
        {
            var detail = await check(timeout.Token);
            return new CheckResult("healthy", watch.ElapsedMilliseconds, detail);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = exception is OperationCanceledException ? $"no answer within {CheckTimeout.TotalSeconds:0} s" : exception.Message;
            return new CheckResult("unhealthy", watch.ElapsedMilliseconds, message);
        }
    }

    /// <summary>The health report; <c>pluginServices</c> (what each plugin hosted service is doing) is informational, like <c>jobs</c>.</summary>
    public sealed record HealthReport(string Status, CheckResult Database, IReadOnlyList<AcademyHealth> Academies, IReadOnlyList<LastRun> Jobs,
        IReadOnlyList<Plugins.PluginHostedServiceStatus> PluginServices);

    /// <summary>The last finished run of one (academy, job): <c>succeeded</c>, <c>partial</c>, <c>failed</c>, <c>skipped-locked</c>, <c>cancelled</c>, <c>abandoned</c>.</summary>
    public sealed record LastRun(string Academy, string Job, string Outcome, long RunId, DateTimeOffset? EndedAt, string? Detail);

    /// <summary>One check.</summary>
    public sealed record CheckResult(string Status, long ElapsedMs, string? Detail);

    /// <summary>One academy's iTop.</summary>
    public sealed record AcademyHealth(string Academy, string Status, long ElapsedMs, string? Detail);
}
