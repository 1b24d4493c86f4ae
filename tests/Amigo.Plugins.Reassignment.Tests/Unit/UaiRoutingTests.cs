namespace Amigo.Plugins.Reassignment.Tests.Unit;

public sealed class UaiRoutingTests
{
    private static readonly EstablishmentResolver Resolver = new(new DepartementAcademies());

    [Theory]
    [InlineData("0310094J", "toulouse", "031")]
    [InlineData("0311240E", "toulouse", "031")]
    [InlineData("0140096D", "normandie", "014")]
    [InlineData(" 0310094j ", "toulouse", "031")]
    public void A_valid_code_is_routed_by_its_departement(string uai, string academy, string departement)
    {
        var info = Resolver.Resolve(uai, acceptUnchecked: false);

        Assert.False(info.IsInvalid);
        Assert.Equal(academy, info.AcademyId);
        Assert.Equal(departement, info.Departement);
    }

    [Fact]
    public void A_wrong_check_letter_is_invalid_and_not_routed_by_default()
    {
        // The tutorials' 0340024T: Montpellier's rectorat with a made-up letter (DESIGN.md).
        var info = Resolver.Resolve("0340024T", acceptUnchecked: false);

        Assert.True(info.IsInvalid);
        Assert.Equal(UaiProblem.WrongCheckLetter, info.Problem);
        Assert.Equal("wrong_check_letter", info.ProblemCode);
        Assert.Null(info.AcademyId);
        Assert.False(info.RoutedUnchecked);
    }

    [Fact]
    public void A_wrong_check_letter_is_routed_by_its_departement_where_unchecked_codes_are_accepted()
    {
        var info = Resolver.Resolve("0340024T", acceptUnchecked: true);

        Assert.True(info.IsInvalid);
        Assert.True(info.RoutedUnchecked);
        Assert.Equal("montpellier", info.AcademyId);
        Assert.Equal("034", info.Departement);
    }

    [Theory]
    [InlineData("031009J")]
    [InlineData("03100944J")]
    public void A_code_of_the_wrong_length_is_never_routed(string uai)
    {
        var accepted = Resolver.Resolve(uai, acceptUnchecked: true);

        Assert.True(accepted.IsInvalid);
        Assert.Equal(UaiProblem.WrongLength, accepted.Problem);
        Assert.Null(accepted.AcademyId);
        Assert.Null(accepted.Departement);
    }

    [Fact]
    public void An_empty_code_is_neither_invalid_nor_routed()
    {
        var info = Resolver.Resolve(null, acceptUnchecked: true);

        Assert.False(info.HasCode);
        Assert.False(info.IsInvalid);
        Assert.Null(info.AcademyId);
    }

    [Fact]
    public void Admin_overrides_from_Amigo_Departements_extend_the_table()
    {
        var configuration = TestAcademy.Configuration("""{ "Amigo": { "Departements": { "064": "bordeaux", "31": "occitanie" } } }""");
        var resolver = new EstablishmentResolver(new DepartementAcademies(ReassignmentPlugin.ReadDepartements(configuration)));

        // 0640001? → check letter computed from 640001 % 23.
        var code = "0640001" + "ABCDEFGHJKLMNPRSTUVWXYZ"[(int)(640001 % 23)];
        Assert.Equal("bordeaux", resolver.Resolve(code, false).AcademyId);
        Assert.Equal("occitanie", resolver.Resolve("0310094J", false).AcademyId);
        Assert.Equal("montpellier", resolver.Resolve("0340024T", true).AcademyId);
    }

    [Fact]
    public void A_blank_override_is_a_configuration_error()
    {
        var configuration = TestAcademy.Configuration("""{ "Amigo": { "Departements": { "064": "" } } }""");

        var error = Assert.Throws<InvalidOperationException>(() => ReassignmentPlugin.ReadDepartements(configuration));
        Assert.Contains("Amigo:Departements:064", error.Message);
    }
}
