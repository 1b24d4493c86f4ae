namespace Amigo.Connector.Host.Cli;

/// <summary>
/// <c>amigo probe URL</c> in the command tree (help, argument errors). <c>Program</c> answers the plain
/// <c>probe URL</c> of the container health check before plugins load; both run <see cref="HealthProbe"/>.
/// </summary>
internal sealed class ProbeCommand : ICliCommand
{
    public Command Create(CliContext context)
    {
        var url = new Argument<string>("url") { Description = "The http(s) URL that must answer 2xx within five seconds" };
        var command = new Command("probe", "Exit 0 when a URL answers 2xx within five seconds (the container health check; reads no configuration)") { url };
        command.SetAction((parse, _) => HealthProbe.RunAsync(parse.GetValue(url)!, context.Error));
        return command;
    }
}
