namespace Amigo.Plugins.ArenaSso.Tests;

public sealed class ArenaIdentityReaderTests
{
    private static readonly ArenaSsoSettings Settings = new();

    private static ArenaIdentityResult Read(Dictionary<string, string?> headers)
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in headers)
            if (value is not null) dictionary.Append(name, value);
        return ArenaIdentityReader.Read(dictionary, Settings);
    }

    [Fact]
    public void Reads_a_complete_identity()
    {
        var result = Read(ArenaScenario.Headers(email: "Jeanne.Dupont@AC-Toulouse.fr", lastName: "Le Gall-D'Arcy", firstName: "Anne-Élise"));

        Assert.True(result.IsValid, result.Problem);
        var identity = result.Identity!;
        Assert.Equal("jdupont", identity.Login);
        Assert.Equal("jeanne.dupont@ac-toulouse.fr", identity.Email);
        Assert.Equal("Le Gall-D'Arcy", identity.LastName);
        Assert.Equal("Anne-Élise", identity.FirstName);
        Assert.Equal("0310094J", Assert.Single(identity.Establishments).Uai.Value);
        Assert.False(identity.IsHeadOfEstablishment);
    }

    [Fact]
    public void DIR_or_a_responsible_establishment_makes_a_head_of_establishment()
    {
        Assert.True(Read(ArenaScenario.Headers(function: "DIR")).Identity!.IsHeadOfEstablishment);
        Assert.True(Read(ArenaScenario.Headers(rneResp: "0441550W$UAJ$PU$N$T3$CLG$340")).Identity!.IsHeadOfEstablishment);
    }

    public static TheoryData<string, string?, string> Malformed => new()
    {
        { "ctemail", null, "e-mail) is missing" },
        { "ctemail", "not-an-address", "not an e-mail address" },
        { "ct-remote-user", null, "login) is missing" },
        { "ct-remote-user", "j dupont", "is not a login" },
        { "ctln", "<script>alert(1)</script>", "is not a name" },
        { "ctln", "' OR 1=1", "is not a name" },
        { "ctfn", "Jeanne' OR '1'='1", "is not a name" },
        { "ctln", "Dupont\r\nX-Remote-User: admin", "control characters" },
        { "ctfn", "Jeanne\u0000", "control characters" },
        { "ctln", new string('a', 10 * 1024), "characters long" },
        { "FrEduRne", "0340024T$UAJ$PU$ENS$0340024T$T3$CLG$340,1234567A$UAJ$PU$ENS$x$T3$CLG$340", "no valid establishment" },
        { "FrEduRneResp", "0340024T$UAJ$PU$N$T3$CLG$340", "no valid establishment" },
        { "FrEduFonctAdm", "DIR'--", "not a function code" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Refuses_malformed_values_with_a_reason(string header, string? value, string reason)
    {
        var headers = ArenaScenario.Headers();
        headers[header] = value;

        var result = Read(headers);

        Assert.False(result.IsValid);
        Assert.Contains(reason, result.Problem);
    }

    [Fact]
    public void Refuses_a_repeated_identity_header()
    {
        var dictionary = new HeaderDictionary();
        foreach (var (name, value) in ArenaScenario.Headers()) dictionary.Append(name, value);
        dictionary.Append("ct-remote-user", "admin");

        var result = ArenaIdentityReader.Read(dictionary, Settings);

        Assert.Contains("repeated", result.Problem);
    }
}
