namespace Amigo.Connector.ITop.Tests;

/// <summary>One exchange recorded against a real iTop 3.2 (see ../shared/itop/recordings/INDEX.md).</summary>
public sealed record Recording(string Name, JObject Document)
{
    private static readonly Lazy<IReadOnlyList<Recording>> Cache = new(LoadAll);

    public static IReadOnlyList<Recording> All => Cache.Value;

    public static Recording Get(string name) => All.Single(r => r.Name == name);

    /// <summary>xunit member data: every recording's name.</summary>
    public static IEnumerable<object[]> Names() => All.Select(r => new object[] { r.Name });

    public JObject Request => (JObject)Document["request"]!;

    /// <summary>The json_data sent (null when the recording sent none or invalid JSON).</summary>
    public JObject? JsonData => Request["json_data"] as JObject;

    public string? Operation => (string?)JsonData?["operation"];

    public string ResponseBody => (string)Document["response"]!["body"]!;

    public JObject? ResponseJson => Document["response"]!["json"] as JObject;

    public string AuthMode => (string?)Request["auth_mode"] ?? "";

    public string Url => (string)Request["url"]!;

    private static IReadOnlyList<Recording> LoadAll() =>
        Directory.EnumerateFiles(ITopTestPaths.RecordingsDirectory(), "*.json")
            .Select(path => new Recording(Path.GetFileNameWithoutExtension(path), JObject.Parse(File.ReadAllText(path))))
            .OrderBy(r => int.Parse(r.Name.Split('-')[0], System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
}
