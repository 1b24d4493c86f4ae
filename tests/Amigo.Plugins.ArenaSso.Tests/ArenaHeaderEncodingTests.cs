namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>
/// Non-ASCII names as ARENA proxies send them: RFC 2047 encoded words (decoded by the bridge) and raw Latin-1 bytes
/// (decoded by Kestrel with the bridge's lenient decoder: only real Kestrel parses bytes, so that test runs the real host
/// on a socket).
/// </summary>
public sealed class ArenaHeaderEncodingTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>
{
    [Theory]
    [InlineData("=?UTF-8?B?Tm/Dq2w=?=", "Noël")]
    [InlineData("=?ISO-8859-1?Q?No=EBl?=", "Noël")]
    [InlineData("=?utf-8?q?Anne-=C3=89lise?=", "Anne-Élise")]
    [InlineData("=?UTF-8?Q?Jean?= =?UTF-8?Q?_Fran=C3=A7ois?=", "Jean François")]
    public async Task RFC_2047_encoded_names_are_decoded(string header, string name)
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var response = await scenario.SendAsync("whoami", ArenaScenario.Headers(firstName: header));

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        Assert.Equal(name, (await ArenaScenario.JsonAsync(response)).GetProperty("firstName").GetString());
    }

    [Theory]
    [InlineData("=?windows-1252?Q?No=EBl?=", "charset 'windows-1252'")]
    [InlineData("=?UTF-8?B?Tm/D?=", "not valid UTF-8")]
    [InlineData("=?UTF-8?Q?No=E?=", "malformed")]
    public async Task An_encoded_name_the_bridge_cannot_decode_is_refused_with_a_problem_naming_the_header(string header, string reason)
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var response = await scenario.LoginAsync(ArenaScenario.Headers(firstName: header));

        Assert.Equal(StatusCodes.Status400BadRequest, response.Response.StatusCode);
        Assert.StartsWith("application/problem+json", response.Response.ContentType);
        var detail = (await ArenaScenario.JsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("'ctfn'", detail);
        Assert.Contains(reason, detail);
        Assert.Equal(0, scenario.CallCount);
    }

    [Fact]
    public async Task A_Latin_1_name_reaches_the_bridge_through_the_real_host_on_Kestrel()
    {
        await using var app = BridgeConnectorHost.Build(postgres.ConnectionString, new Dictionary<string, string?> { ["HandoffMode"] = "Redirect", ["PortalUrl"] = "https://assistance.ac-toulouse.fr/" });
        await app.StartAsync();
        var address = new Uri(app.Urls.First());

        var (status, body) = await RawGetAsync(address, "/api/academies/toulouse/arena/whoami",
            ArenaScenario.Headers(firstName: "Noël", lastName: "Lévêque"), Encoding.Latin1);
        var (utf8Status, utf8Body) = await RawGetAsync(address, "/api/academies/toulouse/arena/whoami",
            ArenaScenario.Headers(firstName: "Noël", lastName: "Lévêque"), Encoding.UTF8);

        Assert.Equal(200, status);
        var json = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("Noël", "Lévêque"), (json.GetProperty("firstName").GetString(), json.GetProperty("lastName").GetString()));
        Assert.Equal(200, utf8Status);
        Assert.Equal("Noël", JsonDocument.Parse(utf8Body).RootElement.GetProperty("firstName").GetString());
        await app.StopAsync();
    }

    private static Task<(int Status, string Body)> RawGetAsync(Uri server, string path, Dictionary<string, string?> headers, Encoding encoding) =>
        RawHttp.GetAsync(server, path, headers.Where(h => h.Value is not null).Select(h => (h.Key, h.Value!)), encoding);
}
