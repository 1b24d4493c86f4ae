namespace Amigo.Connector.Host.Hosting;

/// <summary>
/// Builds the connector host — the same one <c>amigo serve</c> runs — so that tests and plugins can host the real HTTP
/// pipeline in-process: <c>ConnectorApplication.Build([], o => { o.Configuration[...] = ...; o.PluginAssemblies.Add(...); o.ConfigureWebHost = w => w.UseTestServer(); })</c>.
/// </summary>
public static class ConnectorApplication
{
    /// <summary>
    /// Longest HTTP request line Kestrel accepts (its default is 8 KB): covers the longest catalogue query allowed
    /// (4,096 characters, at most ~24 KB percent-encoded) so that its refusal is the endpoint's problem+json, not 414.
    /// </summary>
    public const int MaxRequestLineSize = 64 * 1024;

    /// <summary>A builder with every service registered (throws <see cref="Configuration.ConnectorConfigurationException"/> on bad configuration).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<ConnectorHostOptions>? configure = null)
    {
        var options = new ConnectorHostOptions();
        configure?.Invoke(options);
        return CreateBuilder(args, options);
    }

    /// <summary>A builder with every service registered, from ready-made options.</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, ConnectorHostOptions options)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(ConnectorApplication).Assembly.GetName().Name });
        var baseDirectory = Directory.GetCurrentDirectory();
        if (options.ConfigFile is { } file)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path))
                throw new Configuration.ConnectorConfigurationException([$"Configuration file '{file}' does not exist (looked for {path})."]);
            baseDirectory = Path.GetDirectoryName(path)!;
            builder.Configuration.AddJsonFile(path, optional: false, reloadOnChange: false);
            // Environment variables still win over the file (Amigo__Academies__toulouse__ITop__Url).
            builder.Configuration.AddEnvironmentVariables();
        }
        if (options.Configuration.Count > 0) builder.Configuration.AddInMemoryCollection(options.Configuration);
        // Kestrel answers a request line over 8 KB with an empty 414 before any endpoint sees it; endpoints such as the
        // catalogue search answer over-long queries with their own problem+json 400, so let such requests reach them.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestLineSize = MaxRequestLineSize);
        options.ConfigureWebHost?.Invoke(builder.WebHost);
        builder.Services.AddConnectorHost(builder.Configuration, options, baseDirectory);
        options.ConfigureServices?.Invoke(builder.Services);
        return builder;
    }

    /// <summary>The built application with the HTTP API mapped (not started).</summary>
    public static WebApplication Build(string[] args, Action<ConnectorHostOptions>? configure = null)
    {
        var options = new ConnectorHostOptions();
        configure?.Invoke(options);
        return Build(args, options);
    }

    /// <summary>The built application with the HTTP API mapped (not started), from ready-made options.</summary>
    public static WebApplication Build(string[] args, ConnectorHostOptions options)
    {
        var app = CreateBuilder(args, options).Build();
        app.MapConnector();
        return app;
    }

    /// <summary>Maps <c>/health</c>, <c>/openapi/v1.json</c>, the admin API and the plugins' endpoints.</summary>
    public static WebApplication MapConnector(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ParameterValidationMiddleware>();
        app.UseRouting();
        app.UseMiddleware<ApiGateMiddleware>();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapReadinessEndpoints();
        var api = app.MapGroup("/api");
        api.MapAcademyEndpoints();
        api.MapJobEndpoints();
        api.MapPluginEndpoints(app.Services.GetRequiredService<PluginCatalog>(), app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Amigo.Plugins"));
        return app;
    }
}
