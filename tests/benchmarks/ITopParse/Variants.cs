namespace Amigo.Benchmarks.ITopParse;

/// <summary>The two ways of reading the answer, each ending with the same work per ticket: a typed <see cref="UserRequest"/>.</summary>
internal static class Variants
{
    private static readonly ITopTimeZone Paris = new(TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));

    /// <summary>The connector's path: ITopClient.StreamAsync over the HTTP response stream (served from the file).</summary>
    public static async Task<int> StreamingAsync(string file)
    {
        using var client = new ITopClient(new ITopClientOptions
        {
            InstanceName = "benchmark", Url = "http://itop.invalid/", User = "connector", Password = "secret", MaxRetryAttempts = 0,
        }, new FileHandler(file));
        var request = new ITopGetRequest(UserRequest.ClassName, ITopKey.Query(Oql.Select(UserRequest.ClassName).Build()), UserRequest.Fields);
        var count = 0;
        long check = 0;
        var map = Environment.GetEnvironmentVariable("BENCH_NOMAP") is null;
        await foreach (var item in client.StreamAsync(request))
        {
            check += map ? UserRequest.FromObject(item, Paris).Id : item.Key;
            count++;
        }
        return check > 0 ? count : -1;
    }

    /// <summary>
    /// The bulk path the sync takes: ITopClient.StreamPagesAsync, each ticket's fields located by a layout and their
    /// UTF-8 bytes read in place (no ITopObject, no string per field).
    /// </summary>
    public static async Task<int> PagesAsync(string file)
    {
        using var client = new ITopClient(new ITopClientOptions
        {
            InstanceName = "benchmark", Url = "http://itop.invalid/", User = "connector", Password = "secret", MaxRetryAttempts = 0,
        }, new FileHandler(file));
        var request = new ITopGetRequest(UserRequest.ClassName, ITopKey.Query(Oql.Select(UserRequest.ClassName).Build()), UserRequest.Fields);
        var layout = new ITopFieldLayout(UserRequest.Fields);
        var at = new int[UserRequest.Fields.Count];
        var count = 0;
        long check = 0;
        await foreach (var page in client.StreamPagesAsync(request))
        {
            for (var row = 0; row < page.Count; row++)
            {
                layout.Locate(page, row, at);
                foreach (var index in at)
                    if (index >= 0) check += page.Field(row, index).Utf8.Length;
                count++;
            }
            page.Recycle();
        }
        return check > 0 ? count : -1;
    }

    /// <summary>The naive path: the whole body as a string, JObject.Parse, then the same mapping.</summary>
    public static int Naive(string file)
    {
        var body = File.ReadAllText(file);
        var answer = JObject.Parse(body);
        var count = 0;
        long check = 0;
        foreach (var property in ((JObject)answer["objects"]!).Properties())
        {
            var value = (JObject)property.Value;
            var fields = ((JObject)value["fields"]!).Properties().ToDictionary(p => p.Name, p => (JToken?)p.Value);
            var item = new ITopObject((string)value["class"]!, long.Parse((string)value["key"]!, System.Globalization.CultureInfo.InvariantCulture), fields);
            var ticket = UserRequest.FromObject(item, Paris);
            check += ticket.Id;
            count++;
        }
        GC.KeepAlive(answer);
        return check > 0 ? count : -1;
    }

    private sealed class FileHandler(string file) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var content = new StreamContent(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = content });
        }
    }
}
