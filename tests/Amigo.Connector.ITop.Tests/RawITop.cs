namespace Amigo.Connector.ITop.Tests;

/// <summary>
/// An iTop the contract runs against: the client's settings (connector account) plus the other accounts the contract
/// needs. The simulation and the lab have the same kinds of accounts with different passwords.
/// </summary>
/// <param name="BridgeUser">The ARENA bridge's account, which manages persons and accounts (the administrator when not given).</param>
public sealed record ITopContractTarget(
    ITopClientOptions Options, string AdminUser, string AdminPassword, string NoRestUser, string NoRestPassword, string? BridgeUser = null, string? BridgePassword = null)
{
    public (string User, string Password) Bridge => BridgeUser is null ? (AdminUser, AdminPassword) : (BridgeUser, BridgePassword ?? "");

    public string User => Options.User!;

    public string Password => Options.Password!;

    public ITopClient CreateClient(Func<ITopClientOptions, ITopClientOptions>? configure = null) =>
        new(configure is null ? Options : configure(Options));

    public RawITop Raw() => new(Options.Url);
}

/// <summary>
/// Sends hand-made requests to <c>webservices/rest.php</c>: what the client never produces (a missing version, a
/// broken json_data, a GET with credentials, a case log replaced with <c>items</c>) but the contract must pin down.
/// </summary>
public sealed class RawITop(string baseUrl) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _endpoint = baseUrl.TrimEnd('/') + "/webservices/rest.php";

    /// <summary>POSTs form fields; <paramref name="query"/> is the whole query string (e.g. <c>version=1.4</c>), null for none.</summary>
    public async Task<RawAnswer> PostAsync(string? query, IReadOnlyDictionary<string, string> form, (string User, string Password)? basic = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, query is null ? _endpoint : _endpoint + "?" + query)
        {
            Content = new FormUrlEncodedContent(form),
        };
        if (basic is { } b)
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{b.User}:{b.Password}")));
        return await SendAsync(request);
    }

    /// <summary>The usual call: version 1.4, form credentials, <paramref name="jsonData"/> serialized as iTop expects.</summary>
    public Task<RawAnswer> CallAsync(string user, string password, object jsonData, string version = "1.4") =>
        PostAsync("version=" + version, new Dictionary<string, string>
        {
            ["auth_user"] = user,
            ["auth_pwd"] = password,
            ["json_data"] = JsonSerializer.Serialize(jsonData),
        });

    public async Task<RawAnswer> SendAsync(HttpRequestMessage request)
    {
        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new RawAnswer((int)response.StatusCode, body);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A raw answer: HTTP status and body, with iTop's envelope read when the body is JSON.</summary>
public sealed record RawAnswer(int Status, string Body)
{
    private JsonElement Root => JsonDocument.Parse(Body).RootElement;

    public int Code => Root.GetProperty("code").GetInt32();

    public string? Message => Root.GetProperty("message").ValueKind == JsonValueKind.Null ? null : Root.GetProperty("message").GetString();

    /// <summary>The <c>objects</c> member: <c>Null</c> when iTop sends <c>null</c>, <c>Undefined</c> when absent.</summary>
    public JsonValueKind ObjectsKind => Root.TryGetProperty("objects", out var objects) ? objects.ValueKind : JsonValueKind.Undefined;

    public JsonElement Objects => Root.GetProperty("objects");

    public JsonElement Single() => Objects.EnumerateObject().Single().Value;

    // The generated ToString would read every property, and Objects throws when there is none.
    public override string ToString() => $"HTTP {Status}: {(Body.Length > 300 ? Body[..300] + "…" : Body)}";
}
