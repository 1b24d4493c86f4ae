namespace Amigo.Plugins.Reassignment.Tests.Unit;

/// <summary>The full settings example of docs/plugins/reassignment.md binds and validates for every academy.</summary>
public sealed partial class DocumentedExampleTests
{
    [GeneratedRegex("```json\\s*(.*?)```", RegexOptions.Singleline)]
    private static partial Regex JsonBlocks();

    private static string DocPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "..", "..", "docs", "plugins", "reassignment.md"));

    [Fact]
    public void The_full_example_of_the_documentation_is_valid()
    {
        var json = JsonBlocks().Matches(File.ReadAllText(DocPath())).Select(m => m.Groups[1].Value).Single(block => block.Contains("\"Academies\""));
        var configuration = TestAcademy.Configuration(json);
        var academies = configuration.GetSection("Amigo:Academies").GetChildren().ToList();

        Assert.Equal(["montpellier", "toulouse"], academies.Select(a => a.Key).Order());
        foreach (var section in academies)
        {
            var academy = TestAcademy.FromJson(section.Key, null, "{}", section.Key);
            var settings = section.GetSection("Plugins:reassign").Get<ReassignmentSettings>()!;
            Assert.Empty(settings.Validate(academy));
            Assert.NotEmpty(settings.Rules);
            Assert.All(settings.Rules, rule => Assert.False(string.IsNullOrWhiteSpace(rule.TargetTeam)));
        }
        Assert.Equal("bordeaux", ReassignmentPlugin.ReadDepartements(configuration)["064"]);
    }
}
