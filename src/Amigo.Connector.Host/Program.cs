using Amigo.Connector.Host.Cli;

return await ConnectorCli.RunAsync(args);

/// <summary>The <c>amigo</c> entry point (public so <c>WebApplicationFactory&lt;Program&gt;</c> can find it).</summary>
public partial class Program;
