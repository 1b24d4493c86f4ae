namespace Amigo.Connector.Host.Check;

/// <summary>
/// <c>serve</c> runs <c>amigo check</c> at start, in the background: every academy in parallel, each line logged
/// (✗ as an error with its fix), results kept for <c>/health/ready</c>. It blocks nothing: the host serves and the
/// scheduler runs meanwhile, and an academy whose iTop fails its checks does not hold up the others.
/// </summary>
internal sealed class PreflightService(AcademyCheck check, ConnectorSettings settings, PreflightResults results, TimeProvider time, ILogger<PreflightService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // never delay the host's start
        try
        {
            await Task.WhenAll(settings.Academies.Select(academy => CheckAsync(academy, stoppingToken)));
            results.MarkComplete();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task CheckAsync(AcademySettings academy, CancellationToken stoppingToken)
    {
        AcademyCheckResult result;
        try
        {
            result = await check.RunAsync(academy, stoppingToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            result = new AcademyCheckResult(academy.Id, academy.ITop.Url,
                [new CheckLine(academy.Id, "preflight", CheckOutcome.Failed, $"{error.GetType().Name}: {error.Message}", "run amigo check --academy " + academy.Id)], time.GetUtcNow());
        }

        results.Set(result);
        foreach (var line in result.Lines)
        {
            var level = line.Outcome switch { CheckOutcome.Failed => LogLevel.Error, CheckOutcome.Warning => LogLevel.Warning, _ => LogLevel.Information };
            logger.Log(level, "Preflight {Academy}: {Mark} {Check}: {Detail}{Fix}", line.Academy, line.Mark, line.Check, line.Detail, line.Fix is null ? "" : " — fix: " + line.Fix);
        }

        logger.Log(result.Ready ? LogLevel.Information : LogLevel.Error, "Preflight {Academy}: {State}", academy.Id, result.Ready ? "ready" : "NOT READY (see the ✗ lines; amigo check --academy " + academy.Id + ")");
    }
}
