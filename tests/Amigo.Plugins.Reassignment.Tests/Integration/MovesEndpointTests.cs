namespace Amigo.Plugins.Reassignment.Tests.Integration;

public sealed class MovesEndpointTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    private sealed class Accessor(AcademyContext academy) : IAcademyAccessor
    {
        public AcademyContext Current => academy;
    }

    private static async Task<(int Status, JsonDocument Body)> InvokeAsync(ReassignHarness harness, int? limit)
    {
        var result = await MovesEndpoints.ListAsync(new Accessor(harness.Toulouse), harness.Services.GetRequiredService<IMoveStore>(), limit, CancellationToken.None);
        var http = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        http.Response.Body = new MemoryStream();
        await result.ExecuteAsync(http);
        http.Response.Body.Position = 0;
        return (http.Response.StatusCode, await JsonDocument.ParseAsync(http.Response.Body));
    }

    [Fact]
    public async Task Recent_moves_are_listed_newest_first()
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());
        await harness.AddTicketAsync(harness.Demo.TlsTeam, "0340100Z");
        await harness.RunAsync();

        var (status, body) = await InvokeAsync(harness, null);

        Assert.Equal(200, status);
        var move = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal("DSI Plateforme Assistance TLS", move.GetProperty("fromTeam").GetString());
        Assert.Equal("DSI Plateforme Assistance MPL", move.GetProperty("toTeam").GetString());
        Assert.Equal(Settings.MplRuleName, move.GetProperty("rule").GetString());
        Assert.Equal("done", move.GetProperty("state").GetString());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task A_bad_limit_is_refused(int limit)
    {
        await using var harness = await ReassignHarness.StartAsync(postgres, Settings.MontpellierRule());

        var (status, _) = await InvokeAsync(harness, limit);

        Assert.Equal(400, status);
    }
}
