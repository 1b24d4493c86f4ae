namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// Every recording of a real iTop 3.2: its answer (served byte for byte by the static mapping in mappings/) is parsed
/// by the client into the right result or exception, and its request shape is produced by the client.
/// </summary>
public sealed class RecordingShapeTests(RecordingServer server) : IClassFixture<RecordingServer>
{
    public static IEnumerable<object[]> AllRecordings() => Recording.Names();

    public static IEnumerable<object[]> ProducibleRecordings() =>
        Recording.All.Where(r => !RecordingReplay.NotProducible.ContainsKey(r.Name)).Select(r => new object[] { r.Name });

    [Fact]
    public void All_132_recordings_are_present_and_each_has_a_static_mapping()
    {
        Assert.Equal(132, Recording.All.Count);
        var mappings = Directory.EnumerateFiles(Testing.ITop.ITopTestPaths.MappingsDirectory(), "*.json").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        Assert.All(Recording.All, r => Assert.Contains(r.Name, mappings));
        Assert.All(RecordingReplay.NotProducible.Keys, name => Assert.Contains(Recording.All, r => r.Name == name));
    }

    [Theory]
    [MemberData(nameof(AllRecordings))]
    public async Task Answer_is_parsed_like_iTop_meant_it(string name)
    {
        var recording = Recording.Get(name);
        using var client = server.Client(name);
        var json = recording.ResponseJson;
        var call = ParsingCall(recording);

        if (json is null)
        {
            // Recording 19: JSONP is not an iTop answer the client accepts.
            var transport = await Assert.ThrowsAsync<ITopTransportException>(() => call(client));
            Assert.Contains("recordings", transport.Message);
            return;
        }
        var code = (int)json["code"]!;
        if (code != 0)
        {
            var error = await Assert.ThrowsAnyAsync<ITopException>(() => call(client));
            Assert.Equal(code, error.Code);
            Assert.Equal((string?)json["message"] ?? "", error.ITopMessage);
            Assert.Equal(code == 1, error is ITopUnauthorizedException);
            return;
        }
        var expected = (json["objects"] as JObject)?.Properties().Select(p => (JObject)p.Value).ToList() ?? [];
        switch (recording.Operation)
        {
            case "core/get":
                var result = await client.GetAsync(AnyGet(recording));
                Assert.Equal(int.Parse(((string)json["message"]!).Split(':')[1].Trim(), System.Globalization.CultureInfo.InvariantCulture), result.TotalCount);
                AssertObjects(expected, result.Objects);
                var streamed = new List<ITopObject>();
                await foreach (var item in client.StreamAsync(AnyGet(recording))) streamed.Add(item);
                AssertObjects(expected, streamed);
                break;
            case "core/get_related":
                AssertObjects(expected, (await client.GetRelatedAsync(new ITopRelatedRequest("Service", ITopKey.Id(1), "impacts"))).Objects);
                break;
            case "core/delete":
                var deleted = await client.DeleteAsync("UserRequest", ITopKey.Id(1), "nettoyage", simulate: false);
                Assert.Equal(expected.Count, deleted.DeletedCount);
                AssertObjects(expected, deleted.Objects);
                break;
            case "core/create" or "core/update" or "core/apply_stimulus":
                var written = await WriteCall(recording)(client);
                AssertObjects(expected, [written]);
                break;
            case "core/check_credentials":
                Assert.Equal((bool)json["authorized"]!, await client.CheckCredentialsAsync("connector", "x"));
                break;
            default:
                var operations = await client.ListOperationsAsync();
                Assert.Equal(((JArray)json["operations"]!).Select(o => (string)o["verb"]!), operations.Select(o => o.Verb));
                Assert.Contains(operations, o => o.Verb == "core/get" && o.Extension == "CoreServices");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(ProducibleRecordings))]
    public async Task Request_shape_is_produced_by_the_client(string name)
    {
        var recording = Recording.Get(name);
        using var client = server.Client(name, o => RecordingReplay.Configure(recording, o));
        try
        {
            await RecordingReplay.Call(recording)(client);
        }
        catch (Exception e) when (e is ITopException or ITopTransportException)
        {
            // The recorded answer may be an error: only the request matters here.
        }
        var sent = server.Server.LogEntries.Last(e => e.RequestMessage.Headers!.TryGetValue(RecordingServer.Header, out var v) && v.Contains(name)).RequestMessage;
        var form = System.Web.HttpUtility.ParseQueryString(sent.Body ?? "");
        var expectedJson = RecordingReplay.Normalize(recording.JsonData!);
        var sentJson = RecordingReplay.Normalize(JObject.Parse(form["json_data"]!));
        Assert.True(JToken.DeepEquals(expectedJson, sentJson), $"{name}: expected {expectedJson.ToString(Newtonsoft.Json.Formatting.None)}\nsent {sentJson.ToString(Newtonsoft.Json.Formatting.None)}");

        Assert.Equal("POST", sent.Method);
        Assert.Equal(RecordingReplay.Configure(recording, new ITopClientOptions()).Version, sent.Query!["version"].Single());
        var recordedForm = (JObject)recording.Request["form"]!;
        var hasBasic = sent.Headers!.TryGetValue("Authorization", out var authorization) && authorization.Single().StartsWith("Basic ", StringComparison.Ordinal);
        Assert.Equal(recording.AuthMode.StartsWith("basic", StringComparison.Ordinal), hasBasic);
        Assert.Equal(recordedForm.ContainsKey("auth_user"), form["auth_user"] is not null);
        Assert.Equal(recordedForm.ContainsKey("auth_pwd"), form["auth_pwd"] is not null);
        Assert.Equal(recordedForm.ContainsKey("auth_token"), form["auth_token"] is not null);
        if (recordedForm["auth_user"] is { } user) Assert.Equal((string)user!, form["auth_user"]);
    }

    private static void AssertObjects(IReadOnlyList<JObject> expected, IReadOnlyList<ITopObject> actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal((string)expected[i]["class"]!, actual[i].ClassName);
            Assert.Equal(long.Parse((string)expected[i]["key"]!, System.Globalization.CultureInfo.InvariantCulture), actual[i].Key);
            var fields = (JObject)expected[i]["fields"]!;
            Assert.Equal(fields.Properties().Select(p => p.Name), actual[i].Fields.Keys);
            foreach (var property in fields.Properties())
                Assert.True(JToken.DeepEquals(property.Value, actual[i].Fields[property.Name]), $"field {property.Name}");
        }
    }

    private static Func<IITopClient, Task> ParsingCall(Recording recording) => recording.Operation switch
    {
        "core/get" => c => c.GetAsync(AnyGet(recording)),
        "core/get_related" => c => c.GetRelatedAsync(new ITopRelatedRequest("Service", ITopKey.Id(1), "impacts")),
        "core/delete" => c => c.DeleteAsync("UserRequest", ITopKey.Id(1), "nettoyage", simulate: false),
        "core/create" or "core/update" or "core/apply_stimulus" => WriteCall(recording),
        "core/check_credentials" => c => c.CheckCredentialsAsync("connector", "x"),
        _ => c => c.ListOperationsAsync(),
    };

    private static ITopGetRequest AnyGet(Recording recording) =>
        new("UserRequest", ITopKey.Query(Oql.Select("UserRequest").Build()), ["id"]);

    private static Func<IITopClient, Task<ITopObject>> WriteCall(Recording recording)
    {
        var fields = new ITopFields().Set("title", "x");
        return recording.Operation switch
        {
            "core/create" => c => c.CreateAsync(new ITopWrite("UserRequest", null, fields, "test", ["id"])),
            "core/update" => c => c.UpdateAsync(new ITopWrite("UserRequest", ITopKey.Id(1), fields, "test", ["id"])),
            _ => c => c.ApplyStimulusAsync(new ITopStimulus("UserRequest", ITopKey.Id(1), "ev_assign", new ITopFields(), "test", ["id"])),
        };
    }
}
