using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Amigo.Plugins.Reporting.Schema;

/// <summary>Applies the reporting SQL when the host starts, so the views exist for Grafana before anyone opens a report.</summary>
internal sealed class ReportingSchemaInitializer(ReportingSchema schema, ILogger<ReportingSchemaInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await schema.EnsureAsync(cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Reports retry on first use; the rest of the connector must not stop because of a reporting view.
            logger.LogError(exception, "Could not create the reporting views at start-up; reports will retry on first use");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
