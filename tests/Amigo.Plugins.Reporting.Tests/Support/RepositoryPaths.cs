namespace Amigo.Plugins.Reporting.Tests.Support;

public static class RepositoryPaths
{
    public static string Root { get; } = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "AmigoRepositoryRoot").Value!;
}
