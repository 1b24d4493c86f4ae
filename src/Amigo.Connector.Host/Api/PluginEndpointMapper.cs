namespace Amigo.Connector.Host.Api;

/// <summary>Maps each plugin's endpoints under <c>/api/academies/{academy}/{pluginId}/</c>, gated per academy.</summary>
internal static class PluginEndpointMapper
{
    public static RouteGroupBuilder MapPluginEndpoints(this RouteGroupBuilder api, PluginCatalog catalog, ILogger logger)
    {
        foreach (var loaded in catalog.Plugins)
        {
            var plugin = loaded.Plugin;
            var group = api.MapGroup($"/academies/{{academy}}/{plugin.Id}")
                .WithTags(plugin.Id)
                .WithMetadata(new ApiAccess(plugin.EndpointAccess == PluginEndpointAccess.ApiKey, AcademyScoped: true, plugin.Id));
            try
            {
                plugin.MapEndpoints(group);
            }
            catch (Exception exception)
            {
                // Endpoints mapped before the failure stay behind the gate; the plugin's other parts keep working.
                logger.LogError(exception, "Plugin {Plugin} failed to map its endpoints", plugin.Id);
            }
        }
        return api;
    }
}
