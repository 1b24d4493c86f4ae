namespace Amigo.Plugins.CatalogueSearch.Tests;

/// <summary>The requester page's line of <c>amigo check</c>.</summary>
public sealed class PortalKeyPreflightTests
{
    private static async Task<Amigo.Connector.Contracts.Plugins.PreflightLine> CheckAsync(Dictionary<string, string?> settings) =>
        Assert.Single(await new PortalKeyPreflight().CheckAsync(TestAcademies.Create("normandie", settings), CancellationToken.None));

    [Fact]
    public async Task A_well_formed_key_passes_and_names_the_library_assumed()
    {
        var line = await CheckAsync(new() { ["PortalKey"] = new string('a', 64), ["PortalEncryptionLibrary"] = "OpenSSL" });
        Assert.True(line.Passed);
        Assert.Contains("sealed for iTop's OpenSSL library", line.Detail);
        Assert.Contains("must be 'OpenSSL'", line.Detail);
        Assert.Contains("not 'Mcrypt'", line.Detail);
    }

    [Fact]
    public async Task No_key_passes_as_optional_and_says_what_it_disables()
    {
        var line = await CheckAsync([]);
        Assert.True(line.Passed);
        Assert.Contains("503", line.Detail);
        Assert.Contains("Amigo__Academies__normandie__Plugins__catalogue__PortalKey", line.Detail);
    }

    [Fact]
    public async Task A_malformed_key_or_an_unreadable_file_fails_with_the_fix()
    {
        var malformed = await CheckAsync(new() { ["PortalKey"] = "not-a-key" });
        var missingFile = await CheckAsync(new() { ["PortalKeyFile"] = "/nonexistent/portal-key" });
        Assert.False(malformed.Passed);
        Assert.NotNull(malformed.Fix);
        Assert.False(missingFile.Passed);
        Assert.Contains("/nonexistent/portal-key", missingFile.Detail);
    }

    [Fact]
    public void The_settings_refuse_a_malformed_key_or_both_sources_at_start()
    {
        Assert.Contains(new CatalogueSearchSettings { PortalKey = "xyz" }.Validate(), p => p.StartsWith("PortalKey:", StringComparison.Ordinal));
        Assert.Contains(new CatalogueSearchSettings { PortalKey = new string('a', 64), PortalKeyFile = "/etc/hosts" }.Validate(),
            p => p.StartsWith("PortalKey / PortalKeyFile", StringComparison.Ordinal));
        Assert.Empty(new CatalogueSearchSettings { PortalKey = new string('a', 64) }.Validate());
    }
}
