namespace Amigo.Plugins.Reporting.Reports;

/// <summary>
/// Builds the <see cref="ReportCatalog"/> when the host starts (where an academy enables reporting), so a contributed
/// report whose name or view is already taken is reported then — an error in the log and <c>failed</c> under
/// <c>pluginServices</c> in <c>/health</c>, naming both owners — rather than at the first dashboard request.
/// </summary>
internal sealed class ReportCatalogStartupCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<ReportCatalog>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
