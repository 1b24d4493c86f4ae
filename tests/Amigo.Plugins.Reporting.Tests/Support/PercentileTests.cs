namespace Amigo.Plugins.Reporting.Tests.Support;

public class PercentileTests
{
    [Theory]
    [InlineData(0.5, 25)]
    [InlineData(0.9, 37)]
    [InlineData(0.0, 10)]
    [InlineData(1.0, 40)]
    public void Interpolates_like_percentile_cont(double fraction, double expected) =>
        Assert.Equal(expected, Percentile.Continuous([40, 10, 30, 20], fraction), 9);

    [Fact]
    public void One_value_is_every_percentile() => Assert.Equal(7, Percentile.Continuous([7], 0.9));
}
