namespace Amigo.Connector.Host.Tests;

/// <summary>
/// The production <c>amigo</c> carries no simulation: its <c>amigo.deps.json</c> (the list <c>dotnet publish</c> copies
/// from) names neither WireMock.Net nor <c>Amigo.Connector.Simulation</c>; <c>amigo-demo</c>'s does, which shows the
/// check can see them.
/// </summary>
public sealed class ProductionBinaryTests
{
    private static string Output(string key) => typeof(ProductionBinaryTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static List<string> Libraries(string depsJson)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(depsJson));
        return document.RootElement.GetProperty("libraries").EnumerateObject().Select(library => library.Name).ToList();
    }

    [Fact]
    public void The_host_depends_on_no_simulation_and_the_demo_does()
    {
        var host = Libraries(Path.Combine(Output("AmigoHostOutput"), "amigo.deps.json"));
        var demo = Libraries(Path.Combine(Output("AmigoDemoOutput"), "amigo-demo.deps.json"));

        Assert.Contains(host, name => name.StartsWith("Npgsql/", StringComparison.Ordinal));
        Assert.DoesNotContain(host, name => name.StartsWith("WireMock", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(host, name => name.StartsWith("Amigo.Connector.Simulation/", StringComparison.Ordinal));
        Assert.Contains(demo, name => name.StartsWith("WireMock.Net/", StringComparison.Ordinal));
        Assert.Contains(demo, name => name.StartsWith("Amigo.Connector.Simulation/", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_assembly_references_no_simulation()
    {
        var references = typeof(Amigo.Connector.Host.Cli.ConnectorCli).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("Amigo.Connector.Data", references);
        Assert.DoesNotContain(references, name => name.StartsWith("WireMock", StringComparison.OrdinalIgnoreCase) || name == "Amigo.Connector.Simulation");
    }
}
