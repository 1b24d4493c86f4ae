// `amigo probe URL` (the container's health check) answers before plugins load: it must stay cheap.
if (HealthProbe.Matches(args)) return await HealthProbe.RunAsync(args[1], Console.Error);
return await ConnectorCli.RunAsync(args);

/// <summary>The <c>amigo</c> entry point (public so <c>WebApplicationFactory&lt;Program&gt;</c> can find it).</summary>
public partial class Program;
