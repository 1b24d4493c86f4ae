namespace Amigo.Connector.Host.Tests;

/// <summary>Bad configuration stops the start with one clear message per problem, naming the academy and the setting.</summary>
public sealed class ConfigurationValidationTests
{
    private static ConnectorConfigurationException Fails(Action<Dictionary<string, string?>> change)
    {
        var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "validation");
        change(configuration);
        return Assert.Throws<ConnectorConfigurationException>(() => TestHosts.Create(configuration));
    }

    [Fact]
    public void Valid_configuration_builds()
    {
        using var app = (IDisposable)TestHosts.Create(TestHosts.Configuration(TestHosts.NoDatabase, "valid"));
    }

    [Fact]
    public void Connection_string_can_come_from_a_secret_file()
    {
        var file = Path.Combine(Path.GetTempPath(), $"amigo-db-{Guid.NewGuid():N}.txt");
        File.WriteAllText(file, TestHosts.NoDatabase + "\n");
        try
        {
            var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "secret-file");
            configuration["Amigo:Database:ConnectionString"] = "";
            configuration["Amigo:Database:ConnectionStringFile"] = file;
            using var app = (IDisposable)TestHosts.Create(configuration);

            configuration["Amigo:Database:ConnectionStringFile"] = file + ".missing";
            var error = Assert.Throws<ConnectorConfigurationException>(() => TestHosts.Create(configuration));
            Assert.StartsWith("Amigo:Database:ConnectionStringFile '", Assert.Single(error.Problems));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Missing_url_is_named()
    {
        var error = Fails(c => c.Remove("Amigo:Academies:montpellier:ITop:Url"));
        Assert.Equal(["Academy 'montpellier': Amigo:Academies:montpellier:ITop:Url is missing."], error.Problems);
    }

    [Fact]
    public void Unknown_plugin_id_is_named()
    {
        var error = Fails(c => c["Amigo:Academies:toulouse:Plugins:autoclos:Enabled"] = "true");
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Plugins:autoclos names an unknown plugin 'autoclos'", problem);
        Assert.Contains("counting", problem);
    }

    [Fact]
    public void Bad_cron_is_named()
    {
        var error = Fails(c => c["Amigo:Academies:toulouse:Jobs:sync:Schedule"] = "every five minutes");
        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Jobs:sync:Schedule 'every five minutes' is not a valid cron expression", problem);
    }

    [Fact]
    public void Unknown_job_is_named()
    {
        var error = Fails(c => c["Amigo:Academies:toulouse:Jobs:synk:Schedule"] = "0 * * * *");
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Jobs:synk names an unknown job 'synk'", Assert.Single(error.Problems));
    }

    [Fact]
    public void Unknown_status_in_a_profile_is_named()
    {
        var error = Fails(c =>
        {
            c["Amigo:Academies:toulouse:Lifecycle:Name"] = "amigo";
            c["Amigo:Academies:toulouse:Lifecycle:Statuses:dispatched"] = "Open";
            c["Amigo:Academies:toulouse:Lifecycle:Statuses:resolved"] = "Resolved";
            c["Amigo:Academies:toulouse:Lifecycle:Actions:Resolve:Stimulus"] = "ev_resolve";
            c["Amigo:Academies:toulouse:Lifecycle:Actions:Resolve:FromStatuses:0"] = "asigned";
        });
        Assert.Equal(["Academy 'toulouse': Amigo:Academies:toulouse:Lifecycle:Actions:Resolve:FromStatuses names an unknown status 'asigned' (not in Amigo:Academies:toulouse:Lifecycle:Statuses)."],
            error.Problems);
    }

    [Fact]
    public void Unknown_status_group_and_profile_name_are_named()
    {
        var group = Fails(c => c["Amigo:Academies:toulouse:Lifecycle:Statuses:dispatched"] = "Opened");
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Lifecycle:Statuses:dispatched has an unknown group 'Opened'", Assert.Single(group.Problems));

        var name = Fails(c => c["Amigo:Academies:toulouse:Lifecycle"] = "itop-stok");
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Lifecycle names an unknown lifecycle profile 'itop-stok'", Assert.Single(name.Problems));
    }

    [Fact]
    public void Unknown_time_zone_is_named()
    {
        var error = Fails(c => c["Amigo:Academies:montpellier:ITop:TimeZone"] = "Europe/Montpellier");
        Assert.Equal(["Academy 'montpellier': Amigo:Academies:montpellier:ITop:TimeZone 'Europe/Montpellier' is not a known time zone (e.g. Europe/Paris)."], error.Problems);
    }

    [Fact]
    public void Plugin_settings_failing_data_annotations_and_custom_checks_are_named()
    {
        var error = Fails(c =>
        {
            c["Amigo:Academies:toulouse:Plugins:counting:DelayMilliseconds"] = "-5";
            c["Amigo:Academies:toulouse:Plugins:counting:Label"] = "forbidden";
        });
        Assert.Equal(2, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:Plugins:counting: DelayMilliseconds:", StringComparison.Ordinal));
        Assert.Contains("Academy 'toulouse': Amigo:Academies:toulouse:Plugins:counting: Label: 'forbidden' is not allowed", error.Problems);
    }

    [Fact]
    public void Settings_of_a_plugin_not_enabled_are_not_checked()
    {
        var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "unchecked");
        configuration["Amigo:Academies:montpellier:Plugins:counting:DelayMilliseconds"] = "-5";
        using var app = (IDisposable)TestHosts.Create(configuration);
    }

    [Fact]
    public void Password_environment_variable_not_set_is_named()
    {
        var error = Fails(c =>
        {
            c["Amigo:Academies:toulouse:ITop:Password"] = null;
            c["Amigo:Academies:toulouse:ITop:PasswordEnvironmentVariable"] = "AMIGO_TEST_UNSET_" + Guid.NewGuid().ToString("N");
        });
        Assert.StartsWith("Academy 'toulouse': Amigo:Academies:toulouse:ITop:PasswordEnvironmentVariable names 'AMIGO_TEST_UNSET_", Assert.Single(error.Problems));
    }

    [Fact]
    public void Password_from_a_file_is_read()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");
            var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "file");
            configuration["Amigo:Academies:toulouse:ITop:Password"] = null;
            configuration["Amigo:Academies:toulouse:ITop:PasswordFile"] = file;
            using var app = TestHosts.Create(configuration);
            var settings = (ConnectorSettings)app.Services.GetService(typeof(ConnectorSettings))!;
            Assert.Equal("from-file", settings.Find("toulouse")!.ITop.Password);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void Several_problems_are_all_reported()
    {
        var error = Fails(c =>
        {
            c.Remove("Amigo:Academies:toulouse:ITop:Url");
            c["Amigo:Academies:montpellier:ITop:AuthMode"] = "Kerberos";
            c["Amigo:ApiKeys:1:Academy"] = "bordeaux";
            c.Remove("Amigo:Database:ConnectionString");
        });
        Assert.Equal(4, error.Problems.Count);
        Assert.Contains("Amigo:Database:ConnectionString is missing", error.Message);
        Assert.Contains("Academy 'toulouse': Amigo:Academies:toulouse:ITop:Url is missing.", error.Problems);
        Assert.Contains("Academy 'montpellier': Amigo:Academies:montpellier:ITop:AuthMode 'Kerberos' is unknown (expected Form, Basic or Token).", error.Problems);
        Assert.Contains("Amigo:ApiKeys:1:Academy names an unknown academy 'bordeaux'.", error.Problems);
    }

    [Fact]
    public void Lifecycle_profile_file_is_read()
    {
        var profile = Path.Combine(FindRepositoryRoot(), "config", "profiles", "amigo-lifecycle.json");
        var configuration = TestHosts.Configuration(TestHosts.NoDatabase, "profile");
        configuration["Amigo:Academies:toulouse:Lifecycle:File"] = profile;
        using var app = TestHosts.Create(configuration);
        var lifecycle = ((ConnectorSettings)app.Services.GetService(typeof(ConnectorSettings))!).Find("toulouse")!.Context.Lifecycle;
        Assert.Equal(Contracts.Lifecycle.StatusGroup.Waiting, lifecycle.GroupOf("to_complete"));
        Assert.Equal("Réaffectée", lifecycle.LabelOf("redispatched"));
        Assert.Equal("ev_dispatch", lifecycle.Find(Contracts.Lifecycle.LogicalAction.Dispatch)!.Stimulus);
    }

    [Fact]
    public void Example_configuration_is_valid()
    {
        var root = FindRepositoryRoot();
        Environment.SetEnvironmentVariable("AMIGO_TOULOUSE_ITOP_PASSWORD", "x");
        Environment.SetEnvironmentVariable("AMIGO_MONTPELLIER_ITOP_PASSWORD", "y");
        Environment.SetEnvironmentVariable("AMIGO_ADMIN_API_KEY", "example-admin-key-0123456789");
        Environment.SetEnvironmentVariable("AMIGO_TOULOUSE_API_KEY", "example-toulouse-key-0123456789");
        // The real plugins are not loaded here, so their sections can only be reported as unknown: anything else is a real problem.
        var error = Assert.Throws<ConnectorConfigurationException>(() => Hosting.ConnectorApplication.Build([], options =>
        {
            options.ConfigFile = Path.Combine(root, "config", "amigo.example.json");
            options.ScanPluginsFolder = false;
            options.RunScheduler = false;
        }));
        Assert.All(error.Problems, p => Assert.Matches("names an unknown (plugin|job) '(autoclose|catalogue|reporting)'", p));
        Assert.Equal(5, error.Problems.Count);
    }

    internal static string FindRepositoryRoot() =>
        typeof(ConfigurationValidationTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .Cast<System.Reflection.AssemblyMetadataAttribute>().Single(a => a.Key == "AmigoRepositoryRoot").Value!;
}
