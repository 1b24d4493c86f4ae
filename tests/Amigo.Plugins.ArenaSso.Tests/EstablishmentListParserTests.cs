namespace Amigo.Plugins.ArenaSso.Tests;

public sealed class EstablishmentListParserTests
{
    [Fact]
    public void Reads_the_design_examples_of_both_headers()
    {
        var rne = EstablishmentListParser.Parse("0590121L$UAJ$PU$DIR$0590121L$T3$LYC$3000", EstablishmentListParser.FrEduRneFields);
        var resp = EstablishmentListParser.Parse("0441550W$UAJ$PU$N$T3$CLG$340", EstablishmentListParser.FrEduRneRespFields);

        var establishment = Assert.Single(rne.Establishments);
        Assert.Equal("0590121L", establishment.Uai.Value);
        Assert.Equal("DIR", establishment.Function);
        Assert.Equal("LYC", establishment.TypeCode);
        Assert.Equal("CLG", Assert.Single(resp.Establishments).TypeCode);
    }

    [Fact]
    public void Keeps_valid_values_of_a_multi_valued_header_and_reports_the_others()
    {
        var result = EstablishmentListParser.Parse(
            "0310094J$UAJ$PU$ENS$0310094J$T3$LYC$3000, 0340024T$UAJ$PU$ENS$0340024T$T3$CLG$340,0311240E$UAJ$PU$ENS$0311240E$T3$CLG$340,0310094J$UAJ$PU$DOC$0310094J$T3$LYC$3000",
            EstablishmentListParser.FrEduRneFields);

        Assert.Equal(["0310094J", "0311240E"], result.Establishments.Select(e => e.Uai.Value));
        var ignored = Assert.Single(result.Ignored);
        Assert.Contains("0340024T", ignored);
        Assert.Contains("expected S", ignored);
        Assert.Equal(4, result.ValueCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("X")]
    [InlineData(" X , ")]
    public void X_or_empty_means_none(string? header)
    {
        var result = EstablishmentListParser.Parse(header, EstablishmentListParser.FrEduRneFields);

        Assert.Empty(result.Establishments);
        Assert.Equal(0, result.ValueCount);
    }

    [Fact]
    public void A_value_with_the_wrong_field_count_is_dropped()
    {
        var result = EstablishmentListParser.Parse("0310094J$UAJ$PU$ENS", EstablishmentListParser.FrEduRneFields);

        Assert.Empty(result.Establishments);
        Assert.Contains("4 fields instead of 8", Assert.Single(result.Ignored));
    }
}
