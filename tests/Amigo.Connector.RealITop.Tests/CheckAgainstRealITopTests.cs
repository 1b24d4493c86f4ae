namespace Amigo.Connector.RealITop.Tests;

/// <summary>
/// <c>amigo check</c> against the real iTop: the example configuration (its iTop URLs and accounts pointed at the lab)
/// is all ✓; a wrong password, an account without REST rights, an unknown field-map attribute and a wrong time zone
/// each give a ✗ naming the problem and the fix.
/// </summary>
[Collection(RealITopCollection.Name)]
public sealed class CheckAgainstRealITopTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private static string Example => Path.Combine(RepositoryRoot(), "config", "amigo.example.json");

    private async Task<(int Code, string Output)> CheckAsync(Action<Dictionary<string, string?>>? change = null, string academy = "toulouse")
    {
        var lab = RealITopLab.Current!;
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        Environment.SetEnvironmentVariable($"LAB_PWD_{suffix}", lab.Password);
        Environment.SetEnvironmentVariable($"LAB_KEY_{suffix}", "lab-admin-key-0123456789abcdef");
        Environment.SetEnvironmentVariable($"LAB_TKEY_{suffix}", "lab-toulouse-key-0123456789abcdef");
        var configuration = new Dictionary<string, string?>
        {
            ["Amigo:Database:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["Amigo:PluginsPath"] = ShippedPlugins.Folder(),
            ["Amigo:ApiKeys:0:KeyEnvironmentVariable"] = $"LAB_KEY_{suffix}",
            ["Amigo:ApiKeys:1:KeyEnvironmentVariable"] = $"LAB_TKEY_{suffix}",
        };
        foreach (var id in new[] { "toulouse", "montpellier" })
        {
            configuration[$"Amigo:Academies:{id}:ITop:Url"] = lab.Url;
            configuration[$"Amigo:Academies:{id}:ITop:User"] = lab.User;
            configuration[$"Amigo:Academies:{id}:ITop:PasswordEnvironmentVariable"] = $"LAB_PWD_{suffix}";
            configuration[$"Amigo:Academies:{id}:ITop:TimeZone"] = RealITopLab.Zone.Id;
        }
        change?.Invoke(configuration);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await ConnectorCli.RunAsync(["check", "--config", Example, "--academy", academy],
            options => { foreach (var (key, value) in configuration) options.Configuration[key] = value; }, output, error);
        return (code, output + error.ToString());
    }

    [RealITopFact]
    public async Task The_example_configuration_is_all_green()
    {
        foreach (var academy in new[] { "toulouse", "montpellier" })
        {
            var (code, output) = await CheckAsync(academy: academy);
            Assert.True(code == ExitCodes.Success, output);
            Assert.DoesNotContain("✗", output);
            Assert.DoesNotContain("  ! ", output);
            Assert.Contains("✓ largest sync window", output);
        }
    }

    [RealITopFact]
    public async Task Each_misconfiguration_is_named_with_its_fix()
    {
        var wrongPassword = await CheckAsync(c => c["Amigo:Academies:toulouse:ITop:PasswordEnvironmentVariable"] = "PATH");
        Assert.Equal(ExitCodes.Failed, wrongPassword.Code);
        Assert.Contains("iTop refuses the login", wrongPassword.Output);
        Assert.Contains("fix: check Amigo:Academies:toulouse:ITop:User and its password", wrongPassword.Output);

        var noRest = await CheckAsync(c =>
        {
            c["Amigo:Academies:toulouse:ITop:User"] = Environment.GetEnvironmentVariable("AMIGO_ITOP_NOREST_USER") ?? "norest";
            c["Amigo:Academies:toulouse:ITop:PasswordEnvironmentVariable"] = "AMIGO_ITOP_NOREST_PASSWORD";
        });
        Assert.Equal(ExitCodes.Failed, noRest.Code);
        Assert.Contains("signs in but has no REST access", noRest.Output);
        Assert.Contains("the profile \"REST Services User\"", noRest.Output);

        var unknownAttribute = await CheckAsync(c => c["Amigo:Academies:toulouse:FieldMap:EstablishmentUai"] = "org_code");
        Assert.Equal(ExitCodes.Failed, unknownAttribute.Code);
        Assert.Contains("UserRequest has no attribute 'org_code'", unknownAttribute.Output);
        Assert.Contains("FieldMap:EstablishmentUai", unknownAttribute.Output);

        var wrongZone = await CheckAsync(c => c["Amigo:Academies:toulouse:ITop:TimeZone"] = "America/New_York");
        Assert.Equal(ExitCodes.Failed, wrongZone.Code);
        Assert.Contains("iTop's local time is ahead of the configured zone", wrongZone.Output);
        Assert.Contains("ITop:TimeZone", wrongZone.Output);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Amigo.Connector.sln"))) folder = folder.Parent;
        return folder?.FullName ?? throw new InvalidOperationException("Amigo.Connector.sln not found above " + AppContext.BaseDirectory);
    }
}
