namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// The streaming UTF-8 reader: many objects across buffer refills, a field far larger than the buffer, bytes arriving in
/// arbitrary pieces (a character or an escape split between reads), pages and layouts, cut answers.
/// </summary>
public sealed class AnswerReaderTests
{
    // What iTop's json_encode sends: non-ASCII and slashes escaped, case logs as objects, link sets as arrays.
    private const string Mixed = """
        {"code":0,"message":"Found: 3","objects":{
          "UserRequest::7":{"code":0,"message":"","class":"UserRequest","key":"7","fields":{"id":"7","title":"Acad\u00e9mie \"Toulouse\" \/ \u65e5\u672c \ud83d\ude00","team_id":"0","close_date":"","priority":4,"escalated":true,"archived":false,"agent_id":null,"public_log":{"entries":[{"date":"2026-11-02 09:15:00","user_login":"Agent","user_id":"3","message":"Bonjour","message_html":"<p>Bonjour<\/p>"}]},"contacts_list":[{"contact_id":"5"}],"ratio":1.50}},
          "UserRequest::8":{"code":0,"message":"","class":"UserRequest","key":"8","fields":{"title":"Sans id, autre ordre","id":"8","priority":-2,"team_id":"12"}},
          "Organization::9":{"code":0,"message":"","fields":{"id":"9","name":"Académie brute"}}
        }}
        """;

    [Fact]
    public async Task Reads_every_object_across_buffer_refills_and_a_field_larger_than_the_buffer()
    {
        var huge = string.Concat(Enumerable.Repeat("Journal volumineux é/\"\\ ", 150_000)); // ~3.6 M chars, far beyond the 256 KB buffer
        var body = new StringBuilder("{\"code\":0,\"message\":\"Found: 5001\",\"objects\":{");
        for (var i = 1; i <= 5000; i++)
            body.Append($"\"UserRequest::{i}\":{{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"{i}\",\"fields\":{{\"id\":\"{i}\",\"title\":\"Demande n\\u00b0{i}\",\"team_id\":\"0\",\"close_date\":\"\"}}}},");
        body.Append("\"UserRequest::9999\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"9999\",\"fields\":{\"id\":\"9999\",\"description\":")
            .Append(Newtonsoft.Json.JsonConvert.ToString(huge)).Append("}}}}");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()));
        ITopAnswerHeader? header = null;
        var objects = new List<ITopObject>();
        await foreach (var item in ITopAnswerReader.ReadObjectsAsync(stream, "test", "core/get", h => header = h)) objects.Add(item);
        Assert.Equal(5001, header!.Count);
        Assert.Equal(5001, objects.Count);
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i).Append(9999), objects.Select(o => o.Key));
        Assert.Equal("Demande n°4321", objects[4320].GetString("title"));
        Assert.Null(objects[0].GetExternalKey("team_id"));
        Assert.Null(objects[0].GetLocalDateTime("close_date"));
        Assert.Equal(huge, objects[^1].GetString("description"));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(3, true)]
    [InlineData(17, false)]
    [InlineData(4096, true)]
    public async Task Bytes_arriving_in_any_pieces_give_the_same_objects_as_Newtonsoft(int largestPiece, bool withByteOrderMark)
    {
        var bytes = Encoding.UTF8.GetBytes(Mixed);
        if (withByteOrderMark) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        var objects = new List<ITopObject>();
        await using var stream = new TricklingStream(bytes, largestPiece, seed: largestPiece);
        await foreach (var item in ITopAnswerReader.ReadObjectsAsync(stream, "test", "core/get")) objects.Add(item);

        var expected = ((JObject)JObject.Parse(Mixed)["objects"]!).Properties().ToList();
        Assert.Equal(expected.Count, objects.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            var fields = (JObject)expected[i].Value["fields"]!;
            Assert.Equal(fields.Properties().Select(p => p.Name), objects[i].Fields.Keys);
            foreach (var property in fields.Properties())
                Assert.True(JToken.DeepEquals(property.Value, objects[i].Fields[property.Name]), $"{expected[i].Name}.{property.Name}: {objects[i].Fields[property.Name]}");
        }
        Assert.Equal(("UserRequest", 7L), (objects[0].ClassName, objects[0].Key));
        Assert.Equal("Académie \"Toulouse\" / 日本 😀", objects[0].GetString("title"));
        Assert.Equal("<p>Bonjour</p>", Assert.Single(objects[0].GetCaseLog("public_log")).MessageHtml);
        // Class and key missing from the object: taken from its map key.
        Assert.Equal(("Organization", 9L), (objects[2].ClassName, objects[2].Key));
    }

    [Fact]
    public async Task Pages_hold_raw_UTF8_values_and_a_layout_finds_fields_in_any_order()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(Mixed));
        var page = Assert.Single(await ReadPagesAsync(stream));
        Assert.Equal(3, page.Count);
        var layout = new ITopFieldLayout(["id", "title", "priority", "agent_id", "public_log", "contacts_list", "escalated", "missing"]);
        Span<int> at = stackalloc int[8];

        layout.Locate(page, 0, at);
        Assert.Equal("7"u8.ToArray(), page.Field(0, at[0]).Utf8.ToArray());
        Assert.Equal(ITopValueKind.String, page.Field(0, at[1]).Kind);
        Assert.Equal("Académie \"Toulouse\" / 日本 😀", Encoding.UTF8.GetString(page.Field(0, at[1]).Utf8));
        Assert.Equal((ITopValueKind.Number, "4"), (page.Field(0, at[2]).Kind, page.Field(0, at[2]).ToText()));
        Assert.Equal((ITopValueKind.Null, (string?)null), (page.Field(0, at[3]).Kind, page.Field(0, at[3]).ToText()));
        Assert.Equal(ITopValueKind.Object, page.Field(0, at[4]).Kind);
        Assert.Equal("Bonjour", (string?)JObject.Parse(page.Field(0, at[4]).ToText()!)["entries"]![0]!["message"]);
        Assert.Equal((ITopValueKind.Array, "[{\"contact_id\":\"5\"}]"), (page.Field(0, at[5]).Kind, page.Field(0, at[5]).ToText()));
        Assert.Equal((ITopValueKind.True, "true"), (page.Field(0, at[6]).Kind, page.Field(0, at[6]).ToText()));
        Assert.Equal(-1, at[7]);

        // The second object sends its fields in another order and lacks most of them.
        layout.Locate(page, 1, at);
        Assert.Equal("8", page.Field(1, at[0]).ToText());
        Assert.Equal("Sans id, autre ordre", page.Field(1, at[1]).ToText());
        Assert.Equal("-2", page.Field(1, at[2]).ToText());
        Assert.Equal([-1, -1, -1, -1, -1], at[3..].ToArray());
        Assert.Equal(1, page.IndexOfField(1, "id"));
        Assert.Equal(-1, page.IndexOfField(1, "public_log"));
    }

    [Fact]
    public async Task A_large_answer_comes_in_several_pages_sharing_their_names()
    {
        var body = new StringBuilder("{\"code\":0,\"message\":\"Found: 1000\",\"objects\":{");
        for (var i = 1; i <= 1000; i++)
            body.Append(i > 1 ? "," : "").Append($"\"Team::{i}\":{{\"code\":0,\"message\":\"\",\"class\":\"Team\",\"key\":\"{i}\",\"fields\":{{\"id\":\"{i}\",\"name\":\"\\u00c9quipe {i}\"}}}}");
        body.Append("}}");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()));
        var pages = await ReadPagesAsync(stream);

        Assert.True(pages.Count > 1, $"{pages.Count} page(s)");
        Assert.All(pages, p => Assert.Same(pages[0].Names, p.Names));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), pages.SelectMany(p => Enumerable.Range(0, p.Count).Select(p.KeyOf)));
        var last = pages[^1];
        Assert.Equal("Équipe 1000", last.Field(last.Count - 1, last.IndexOfField(last.Count - 1, "name")).ToText());
    }

    [Fact]
    public async Task Recycled_pages_are_reused_with_nothing_left_of_their_previous_objects()
    {
        // Two answers read side by side, each page recycled (twice: the second call must be a no-op) as soon as it was
        // checked: later pages reuse the arrays, and a page handed to both reads at once would mix their objects.
        static string Answer(string prefix, int count)
        {
            var body = new StringBuilder("{\"code\":0,\"message\":\"Found\",\"objects\":{");
            for (var i = 1; i <= count; i++)
            {
                var extra = i % 3 == 0 ? ",\"extra\":\"e\"" : "";
                body.Append(i > 1 ? "," : "").Append($"\"UserRequest::{i}\":{{\"class\":\"UserRequest\",\"key\":\"{i}\",\"fields\":{{\"title\":\"{prefix} {i} {new string('x', i % 50)}\"{extra}}}}}");
            }
            return body.Append("}}").ToString();
        }

        async Task<int> ReadAndRecycleAsync(string prefix)
        {
            var seen = 0;
            await using var stream = new TricklingStream(Encoding.UTF8.GetBytes(Answer(prefix, 3000)), 9000, seed: prefix.Length);
            await foreach (var page in ITopAnswerReader.ReadPagesAsync(stream, "test", "core/get"))
            {
                for (var row = 0; row < page.Count; row++)
                {
                    var key = page.KeyOf(row);
                    Assert.Equal(++seen, key);
                    Assert.Equal($"{prefix} {key} {new string('x', (int)(key % 50))}", page.Field(row, page.IndexOfField(row, "title")).ToText());
                    Assert.Equal(key % 3 == 0 ? 2 : 1, page.FieldCountOf(row));
                }
                await Task.Yield();
                page.Recycle();
                page.Recycle();
            }
            return seen;
        }

        var counts = await Task.WhenAll(Task.Run(() => ReadAndRecycleAsync("alpha")), Task.Run(() => ReadAndRecycleAsync("beta-beta")));
        Assert.Equal([3000, 3000], counts);
    }

    [Fact]
    public async Task Pages_made_from_objects_read_like_parsed_ones()
    {
        var objects = new List<ITopObject>();
        await foreach (var item in ITopAnswerReader.ReadObjectsAsync(new MemoryStream(Encoding.UTF8.GetBytes(Mixed)), "test", "core/get")) objects.Add(item);
        var page = ITopAnswerPage.FromObjects(objects);
        for (var row = 0; row < objects.Count; row++)
        {
            var again = page.ToObject(row);
            Assert.Equal((objects[row].ClassName, objects[row].Key), (again.ClassName, again.Key));
            Assert.Equal(objects[row].Fields.Keys, again.Fields.Keys);
            Assert.All(objects[row].Fields, f => Assert.True(JToken.DeepEquals(f.Value, again.Fields[f.Key]), f.Key));
        }
    }

    [Theory]
    [InlineData("{\"code\":0,\"message\":\"Found: 2\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"id\":\"1\"}},\"UserRequest::2\":{\"code\":0,\"mess")]
    [InlineData("{\"code\":0,\"message\":\"Found: 2\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"id\":\"1\"}}")]
    [InlineData("{\"code\":0,\"message\":\"Found: 1\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"title\":\"coup\u00e9")]
    [InlineData("{\"code\":0,\"message\":\"Found: 1\",\"objects\":{\"UserRequest::1\":{\"fields\":{\"title\":\"x\"}},}}")]
    public async Task A_cut_or_malformed_answer_is_an_error_not_a_shorter_result(string body)
    {
        await using var stream = new TricklingStream(Encoding.UTF8.GetBytes(body), 5, seed: 1);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(async () =>
        {
            await foreach (var _ in ITopAnswerReader.ReadObjectsAsync(stream, "test", "core/get")) { }
        });
    }

    [Theory]
    [InlineData("[1,2]", "JSON that is not an object")]
    [InlineData("{\"objects\":{},\"code\":0}", "objects before its code")]
    [InlineData("{\"code\":0,\"objects\":[]}", "neither null nor a map")]
    [InlineData("{\"code\":0,\"objects\":{\"UserRequest::x\":{\"class\":\"UserRequest\",\"fields\":{}}}}", "has no numeric key")]
    [InlineData("{\"code\":0,\"objects\":{\"UserRequest::1\":\"oops\"}}", "is not an object")]
    [InlineData("{\"code\":\"zero\"}", "'code' is not an integer")]
    [InlineData("{\"message\":\"Found: 0\"}", "without a code")]
    public async Task JSON_that_is_not_an_iTop_answer_is_named(string body, string expected)
    {
        var error = await Assert.ThrowsAsync<ITopFormatException>(async () =>
        {
            await foreach (var _ in ITopAnswerReader.ReadObjectsAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), "test", "core/get")) { }
        });
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public async Task An_error_code_raises_before_any_object()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("{\"code\":100,\"message\":\"Error: class: 'UserRequestX' is not a valid class'\"}"));
        var error = await Assert.ThrowsAsync<ITopException>(async () =>
        {
            await foreach (var _ in ITopAnswerReader.ReadObjectsAsync(stream, "ac-test", "core/get")) { }
        });
        Assert.Equal("iTop 'ac-test' refused core/get: code 100 (internal error): Error: class: 'UserRequestX' is not a valid class'", error.Message);
    }

    private static async Task<List<ITopAnswerPage>> ReadPagesAsync(Stream stream)
    {
        var pages = new List<ITopAnswerPage>();
        await foreach (var page in ITopAnswerReader.ReadPagesAsync(stream, "test", "core/get")) pages.Add(page);
        return pages;
    }

    /// <summary>A stream handing its bytes over in random pieces of 1 … <c>largestPiece</c> bytes, like a slow network.</summary>
    private sealed class TricklingStream(byte[] bytes, int largestPiece, int seed) : MemoryStream(bytes, writable: false)
    {
        private readonly Random _random = new(seed);

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, _random.Next(1, largestPiece + 1))]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
