using System.Net;

namespace Amigo.Plugins.ArenaSso.Tests;

/// <summary>Identity headers are honoured only from ARENA's proxy with the shared secret and its session cookie.</summary>
public sealed class ArenaTrustTests
{
    public static TheoryData<string, string?, string?, string> Untrusted => new()
    {
        { "192.0.2.50", null, null, "from an address that is not a proxy" },
        { "10.20.1.7", null, null, "from just outside the proxy network" },
        { "10.20.0.7", "X-Amigo-Arena-Secret", null, "without the secret" },
        { "10.20.0.7", "X-Amigo-Arena-Secret", "test-secret-0123456789-abcdefghijklmnoP", "with a wrong secret" },
        { "10.20.0.7", "Cookie", null, "without the proxy's session cookie" },
        { "10.20.0.7", "Cookie", "OTHER=1", "with another cookie only" },
    };

    [Theory]
    [MemberData(nameof(Untrusted))]
    public async Task Spoofed_identity_headers_get_401_and_no_iTop_call(string remote, string? header, string? value, string because)
    {
        await using var scenario = await ArenaScenario.StartAsync();
        var headers = ArenaScenario.Headers(login: "admin", email: "admin@ac-toulouse.fr");
        if (header is not null) headers[header] = value;

        foreach (var route in new[] { "login", "whoami" })
        {
            var response = await scenario.SendAsync(route, headers, IPAddress.Parse(remote));
            Assert.True(response.Response.StatusCode == StatusCodes.Status401Unauthorized, $"{route} {because}: {response.Response.StatusCode}");
        }
        Assert.Equal(0, scenario.CallCount);
        Assert.Empty(await scenario.AuditAsync());
    }

    [Fact]
    public async Task An_IPv4_proxy_seen_as_an_IPv6_mapped_address_is_trusted()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var response = await scenario.LoginAsync(ArenaScenario.Headers(), ArenaScenario.Proxy.MapToIPv6());

        Assert.Equal(StatusCodes.Status302Found, response.Response.StatusCode);
    }

    public static TheoryData<string, string?, string> MalformedHeaders => new()
    {
        { "ctemail", null, "missing" },
        { "FrEduRne", "0340024T$UAJ$PU$ENS$0340024T$T3$CLG$340", "no valid establishment" },
        { "ctln", "Dupont\u0001", "control characters" },
        { "ctfn", new string('J', 10 * 1024), "characters long" },
        { "ctln", "<script>alert('x')</script>", "is not a name" },
        { "ctfn", "' OR 1=1", "is not a name" },
        { "ct-remote-user", "jdupont' OR login != '", "is not a login" },
    };

    [Theory]
    [MemberData(nameof(MalformedHeaders))]
    public async Task Malformed_identity_gets_400_with_the_reason_and_nothing_is_written(string header, string? value, string reason)
    {
        await using var scenario = await ArenaScenario.StartAsync();
        var headers = ArenaScenario.Headers();
        headers[header] = value;

        var response = await scenario.LoginAsync(headers);

        Assert.Equal(StatusCodes.Status400BadRequest, response.Response.StatusCode);
        var problem = await ArenaScenario.JsonAsync(response);
        Assert.Contains(reason, problem.GetProperty("detail").GetString());
        Assert.Equal(0, scenario.CallCount);
        Assert.Empty(scenario.Persons);
        Assert.Empty(scenario.Writes);
        Assert.Equal(0, scenario.SimulationWrites);
    }

    [Fact]
    public async Task Whoami_shows_what_the_bridge_understood()
    {
        await using var scenario = await ArenaScenario.StartAsync();
        var headers = ArenaScenario.Headers(function: "DIR",
            rne: "0310094J$UAJ$PU$DIR$0310094J$T3$LYC$3000,0340024T$UAJ$PU$ENS$0340024T$T3$CLG$340");
        await scenario.LoginAsync(headers);

        var response = await scenario.SendAsync("whoami", headers);

        Assert.Equal(StatusCodes.Status200OK, response.Response.StatusCode);
        var body = await ArenaScenario.JsonAsync(response);
        Assert.Equal("jdupont", body.GetProperty("login").GetString());
        Assert.True(body.GetProperty("headOfEstablishment").GetBoolean());
        Assert.Equal("0310094J", body.GetProperty("establishments")[0].GetString());
        Assert.Contains("0340024T", body.GetProperty("ignoredValues")[0].GetString());
        Assert.Equal(Assert.Single(scenario.Persons), body.GetProperty("provisioned").GetProperty("personId").GetInt64());
    }

    [Fact]
    public async Task Whoami_explains_a_malformed_identity_without_calling_iTop()
    {
        await using var scenario = await ArenaScenario.StartAsync();

        var response = await scenario.SendAsync("whoami", ArenaScenario.Headers(email: null));

        Assert.Equal(StatusCodes.Status400BadRequest, response.Response.StatusCode);
        var body = await ArenaScenario.JsonAsync(response);
        Assert.False(body.GetProperty("valid").GetBoolean());
        Assert.Contains("ctemail", body.GetProperty("problem").GetString());
        Assert.Equal(0, scenario.CallCount);
    }
}
