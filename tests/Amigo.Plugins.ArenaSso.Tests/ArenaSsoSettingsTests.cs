namespace Amigo.Plugins.ArenaSso.Tests;

public sealed class ArenaSsoSettingsTests
{
    // Settings validation never calls iTop: the academy needs no client.
    private static AcademyContext Academy(AcademyFieldMap? map = null) =>
        BridgeHost.Academy("toulouse", null!, new Dictionary<string, string?>(), map);

    private static ArenaSsoSettings Valid() => new()
    {
        TrustedProxies = ["10.20.0.0/24"],
        SharedSecret = ArenaScenario.Secret,
        DefaultOrganizationCode = "AC-TLS",
        ITopWebUrl = "https://itop.ac-toulouse.fr/",
    };

    [Fact]
    public void Valid_settings_have_no_problem() => Assert.Empty(Valid().Validate(Academy()));

    [Fact]
    public void Defaults_are_the_usual_ARENA_headers()
    {
        var headers = new ArenaSsoSettings().Headers;

        Assert.Equal(["ct-remote-user", "ctemail", "ctln", "ctfn", "FrEduRne", "FrEduRneResp", "FrEduFonctAdm"], headers.All);
        Assert.Equal("CTSESSION", new ArenaSsoSettings().SessionCookie);
    }

    public static TheoryData<Action<ArenaSsoSettings>, string> Broken => new()
    {
        { s => s.TrustedProxies = [], "TrustedProxies" },
        { s => s.TrustedProxies = ["10.20.0.0/99"], "not a CIDR" },
        { s => s.TrustedProxies = ["10.20.0.0/24", "0.0.0.0/0"], "'0.0.0.0/0' trusts every address" },
        { s => s.TrustedProxies = ["::/0"], "'::/0' trusts every address" },
        { s => s.TrustedProxies = ["::ffff:0.0.0.0/96"], "trusts every address" },
        { s => s.SharedSecret = null, "SharedSecret / SharedSecretFile" },
        { s => s.SharedSecret = "short", "at least 32" },
        { s => s.SharedSecretFile = "/nonexistent", "exactly one" },
        { s => s.ITopTrustHeader = "X Remote User", "ITopTrustHeader" },
        { s => s.Headers.Login = "ct-remote-user:", "Headers.Login" },
        { s => s.DefaultOrganizationCode = " ", "DefaultOrganizationCode" },
        { s => s.ITopWebUrl = null, "ITopWebUrl" },
        { s => s.ITopWebUrl = "https://itop.ac-toulouse.fr/itop/", "only the origin" },
        { s => s.PortalUrl = "https://elsewhere/", "relative to ITopWebUrl" },
        { s => { s.HandoffMode = ArenaHandoffMode.Redirect; s.PortalUrl = "pages/exec.php"; }, "absolute http(s) URL" },
        { s => s.PersonLookup = PersonLookupMode.ExternalId, "FieldMap.PersonExternalId" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Each_broken_setting_is_named(Action<ArenaSsoSettings> breakIt, string expected)
    {
        var settings = Valid();
        breakIt(settings);

        Assert.Contains(settings.Validate(Academy()), problem => problem.Contains(expected));
    }

    [Fact]
    public void The_secret_can_come_from_a_file()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, ArenaScenario.Secret + "\n");
            var settings = Valid();
            settings.SharedSecret = null;
            settings.SharedSecretFile = file;

            Assert.Empty(settings.Validate(Academy()));
            Assert.Equal(ArenaScenario.Secret, settings.ResolveSharedSecret());
        }
        finally
        {
            File.Delete(file);
        }
    }
}
