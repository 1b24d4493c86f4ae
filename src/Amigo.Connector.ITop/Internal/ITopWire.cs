using Newtonsoft.Json;

namespace Amigo.Connector.ITop.Internal;

/// <summary>What goes on the wire for one call: form fields (json_data and credentials) and the optional Basic header.</summary>
internal sealed class ITopWire(ITopClientOptions options)
{
    public const string RestPath = "webservices/rest.php";

    public Uri Endpoint { get; } = new(new Uri(EnsureSlash(options.Url)), RestPath + "?version=" + Uri.EscapeDataString(options.Version));

    public static string Serialize(JObject jsonData) => jsonData.ToString(Formatting.None);

    /// <summary>The form fields of a call; credentials only in Form and Token modes.</summary>
    public IEnumerable<KeyValuePair<string, string>> FormFields(string jsonData)
    {
        switch (options.AuthMode)
        {
            case ITopAuthMode.Form:
                yield return new("auth_user", options.User!);
                yield return new("auth_pwd", options.Password!);
                break;
            case ITopAuthMode.Token:
                yield return new("auth_token", options.Token!);
                break;
        }
        yield return new("json_data", jsonData);
    }

    /// <summary>The HTTP Basic header in Basic mode, otherwise null.</summary>
    public AuthenticationHeaderValue? BasicHeader() =>
        options.AuthMode == ITopAuthMode.Basic
            ? new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.User}:{options.Password}")))
            : null;

    /// <summary>A request for the streaming path (HttpClient directly, so the body can be read while it arrives).</summary>
    public HttpRequestMessage CreateHttpRequest(string jsonData)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Endpoint)
        {
            Content = new FormUrlEncodedContent(FormFields(jsonData)),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (BasicHeader() is { } basic) request.Headers.Authorization = basic;
        return request;
    }

    private static string EnsureSlash(string url) => url.EndsWith('/') ? url : url + "/";
}
