using Amigo.Connector.Host.Cli;

if (HealthProbe.Matches(args)) return await HealthProbe.RunAsync(args[1], Console.Error);
if (Amigo.Connector.Host.Demo.DemoCommand.Matches(args)) return await Amigo.Connector.Host.Demo.DemoCommand.RunAsync(args);
return await ConnectorCli.RunAsync(args);

/// <summary>The <c>amigo</c> entry point (public so <c>WebApplicationFactory&lt;Program&gt;</c> can find it).</summary>
public partial class Program;
