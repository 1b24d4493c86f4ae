using System.Text;

namespace Amigo.Connector.ITop.Tests;

/// <summary>The streaming reader across its look-ahead buffer: many objects, one larger than the buffer, cut answers.</summary>
public sealed class AnswerReaderTests
{
    [Fact]
    public async Task Reads_every_object_across_buffer_refills_and_a_field_larger_than_the_buffer()
    {
        var huge = string.Concat(Enumerable.Repeat("Journal volumineux é/\"\\ ", 150_000)); // ~3.6 M chars, bigger than the 1 M look-ahead
        var body = new StringBuilder("{\"code\":0,\"message\":\"Found: 5001\",\"objects\":{");
        for (var i = 1; i <= 5000; i++)
            body.Append($"\"UserRequest::{i}\":{{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"{i}\",\"fields\":{{\"id\":\"{i}\",\"title\":\"Demande n\\u00b0{i}\",\"team_id\":\"0\",\"close_date\":\"\"}}}},");
        body.Append("\"UserRequest::9999\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"9999\",\"fields\":{\"id\":\"9999\",\"description\":")
            .Append(Newtonsoft.Json.JsonConvert.ToString(huge)).Append("}}}}");
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(body.ToString()));
        using var text = new StreamReader(stream);
        ITopAnswerHeader? header = null;
        var objects = new List<ITopObject>();
        await foreach (var item in ITopAnswerReader.ReadObjectsAsync(text, "test", "core/get", h => header = h)) objects.Add(item);
        Assert.Equal(5001, header!.Count);
        Assert.Equal(5001, objects.Count);
        Assert.Equal(Enumerable.Range(1, 5000).Select(i => (long)i).Append(9999), objects.Select(o => o.Key));
        Assert.Equal("Demande n°4321", objects[4320].GetString("title"));
        Assert.Null(objects[0].GetExternalKey("team_id"));
        Assert.Null(objects[0].GetLocalDateTime("close_date"));
        Assert.Equal(huge, objects[^1].GetString("description"));
    }

    [Theory]
    [InlineData("{\"code\":0,\"message\":\"Found: 2\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"id\":\"1\"}},\"UserRequest::2\":{\"code\":0,\"mess")]
    [InlineData("{\"code\":0,\"message\":\"Found: 2\",\"objects\":{\"UserRequest::1\":{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"1\",\"fields\":{\"id\":\"1\"}}")]
    public async Task A_cut_answer_is_an_error_not_a_shorter_result(string body)
    {
        using var text = new StreamReader(new MemoryStream(Encoding.UTF8.GetBytes(body)));
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await foreach (var _ in ITopAnswerReader.ReadObjectsAsync(text, "test", "core/get")) { }
        });
    }

    [Fact]
    public async Task An_error_code_raises_before_any_object()
    {
        using var text = new StringReader("{\"code\":100,\"message\":\"Error: class: 'UserRequestX' is not a valid class'\"}");
        var error = await Assert.ThrowsAsync<ITopException>(async () =>
        {
            await foreach (var _ in ITopAnswerReader.ReadObjectsAsync(text, "ac-test", "core/get")) { }
        });
        Assert.Equal("iTop 'ac-test' refused core/get: code 100 (internal error): Error: class: 'UserRequestX' is not a valid class'", error.Message);
    }
}
