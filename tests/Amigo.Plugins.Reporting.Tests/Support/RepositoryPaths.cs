using System.Reflection;

namespace Amigo.Plugins.Reporting.Tests.Support;

public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "AmigoRepositoryRoot").Value!;

    public static string InitialMigration => Path.Combine(Root, "src", "Amigo.Connector.Data", "Migrations", "0001_initial.sql");
}
