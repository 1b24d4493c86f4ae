namespace Amigo.Connector.Host.Tests.Hardening;

/// <summary>Parameters are checked before they reach SQL: NUL and invalid UTF-8 are a 400 problem+json, never a 500.</summary>
public sealed class ParameterValidationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("/api/academies/toulouse/jobs/runs?job=%00")]
    [InlineData("/api/academies/toulouse/jobs/runs?job=count%00ing")]
    [InlineData("/api/academies/toulouse/jobs/runs?job=%FF%FE")]
    [InlineData("/api/academies/toulouse/jobs/runs?job=%C3")]
    [InlineData("/api/academies/tou%FFlouse/jobs/runs")]
    [InlineData("/api/academies/toulouse/counting/ping?x=%E9t%E9")]
    public async Task Nul_and_invalid_utf8_are_refused_with_a_problem(string target)
    {
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "params"));
        await app.StartAsync();
        var response = await app.Client(TestHosts.AdminKey).GetAsync(target);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        await app.StopAsync();
    }

    [Theory]
    [InlineData("/api/academies/toulouse/jobs/runs?job=counting.count")]
    [InlineData("/api/academies/toulouse/jobs/runs?job=%C3%A9t%C3%A9")]
    public async Task Valid_text_goes_through(string target)
    {
        await using var app = TestHosts.Create(TestHosts.Configuration(await postgres.CreateDatabaseAsync(), "params"));
        await app.StartAsync();
        var response = await app.Client(TestHosts.AdminKey).GetAsync(target);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await app.StopAsync();
    }
}
