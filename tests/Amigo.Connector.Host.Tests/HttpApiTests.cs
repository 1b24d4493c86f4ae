namespace Amigo.Connector.Host.Tests;

/// <summary>Health and manual triggers over HTTP.</summary>
public sealed class HttpApiTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Fact]
    public async Task Health_reports_the_database_and_each_academy_itop()
    {
        // The answer of recording 01-list_operations.json.
        var recording = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(ConfigurationValidationTests.FindRepositoryRoot(), "..", "shared", "itop", "recordings", "01-list_operations.json")));
        var body = recording.RootElement.GetProperty("response").GetProperty("body").GetString()!;
        using var itop = WireMockServer.Start();
        itop.Given(Request.Create().WithPath("/webservices/rest.php").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

        var configuration = TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "health", itop.Url!);
        await using var app = TestHosts.Create(configuration);
        await app.StartAsync();
        var client = app.Client(null);
        var healthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        var report = JsonDocument.Parse(await healthy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", report.GetProperty("database").GetProperty("status").GetString());
        Assert.All(report.GetProperty("academies").EnumerateArray(), a => Assert.Equal("7 operations", a.GetProperty("detail").GetString()));

        itop.Reset();
        itop.Given(Request.Create().WithPath("/webservices/rest.php").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""{"code":1,"message":"Error: Invalid login"}"""));
        var unhealthy = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unhealthy.StatusCode);
        report = JsonDocument.Parse(await unhealthy.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("healthy", report.GetProperty("database").GetProperty("status").GetString());
        Assert.All(report.GetProperty("academies").EnumerateArray(), a => Assert.Equal("unhealthy", a.GetProperty("status").GetString()));
        await app.StopAsync();
    }

    [Fact]
    public async Task Manual_trigger_runs_through_the_runner_and_is_recorded()
    {
        var label = Guid.NewGuid().ToString("N");
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), label));
        await app.StartAsync();
        var client = app.Client(TestHosts.ToulouseKey);

        var waited = await client.PostAsync("/api/academies/toulouse/jobs/counting.count/run?wait=true&dryRun=true", null);
        Assert.Equal(HttpStatusCode.OK, waited.StatusCode);
        var result = JsonDocument.Parse(await waited.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("succeeded", result.GetProperty("outcome").GetString());
        Assert.Equal(1, result.GetProperty("counts").GetProperty("counted").GetInt64());

        var accepted = await client.PostAsync("/api/academies/toulouse/jobs/counting.count/run", null);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var runId = JsonDocument.Parse(await accepted.Content.ReadAsStringAsync()).RootElement.GetProperty("runId").GetInt64();
        var store = app.Services.GetRequiredService<JobRunStore>();
        await DisabledPluginTests.WaitUntilAsync(async () => (await store.GetAsync(runId))?.Outcome == "succeeded");

        var runs = JsonDocument.Parse(await client.GetStringAsync("/api/academies/toulouse/jobs/runs?job=counting.count")).RootElement;
        Assert.Equal(2, runs.GetArrayLength());
        Assert.All(runs.EnumerateArray(), r => Assert.Equal("http", r.GetProperty("trigger").GetString()));
        Assert.Contains(runs.EnumerateArray(), r => r.GetProperty("dryRun").GetBoolean());
        Assert.Equal(2, CountingJob.Runs[$"{label}:toulouse"]);

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/api/academies/toulouse/jobs/nosuchjob/run", null)).StatusCode);
        await app.StopAsync();
    }
}
