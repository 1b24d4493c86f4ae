namespace Amigo.Connector.ITop.Tests;

/// <summary>The simulation replays recorded raw requests and answers the recorded bodies byte for byte (data-independent exchanges).</summary>
public sealed class SimulationFidelityTests : IDisposable
{
    private static readonly Dictionary<string, string> Passwords = new() { ["connector"] = "secret", ["admin"] = "admin", ["norest"] = "norest" };
    private readonly ITopSimulation _sim = ITopSimulation.Start();
    private readonly HttpClient _http = new();

    [Theory]
    [InlineData("01-list_operations")]
    [InlineData("02-list_operations_v1_3")]
    [InlineData("03-list_operations_v1_0")]
    [InlineData("04-unsupported_version_1_5")]
    [InlineData("05-missing_version")]
    [InlineData("06-check_credentials_ok")]
    [InlineData("07-check_credentials_bad")]
    [InlineData("08-check_credentials_unknown_user")]
    [InlineData("09-auth_wrong_password")]
    [InlineData("10-auth_unknown_user")]
    [InlineData("11-auth_missing")]
    [InlineData("12-auth_missing_pwd")]
    [InlineData("14-auth_basic_header_wrong_pwd")]
    [InlineData("15-auth_token_unsupported")]
    [InlineData("16-auth_admin")]
    [InlineData("17-auth_user_without_rest_profile")]
    [InlineData("18-get_method_query_string")]
    [InlineData("20-invalid_json")]
    [InlineData("21-missing_json_data")]
    [InlineData("22-unknown_operation")]
    [InlineData("23-missing_operation")]
    [InlineData("44-get_unknown_class")]
    [InlineData("48-get_invalid_output_field")]
    [InlineData("49-get_missing_key")]
    [InlineData("67-get_users_as_connector")]
    [InlineData("79-create_organization_as_connector")]
    [InlineData("80-create_without_comment")]
    public async Task Simulation_answers_like_the_recording(string name)
    {
        var recording = Recording.Get(name);
        var request = recording.Request;
        var url = _sim.Url + "/webservices/rest.php" + (recording.Url.Contains('?') ? "?" + recording.Url.Split('?')[1].Split('&')[0] : "");
        var form = ((Newtonsoft.Json.Linq.JObject?)request["form"])?.Properties().ToDictionary(p => p.Name, p => (string)p.Value!) ?? [];
        var user = (string?)request["auth_user"];
        var wrong = recording.AuthMode.Contains("wrong", StringComparison.Ordinal);
        if (form.ContainsKey("auth_pwd") && user is not null && !wrong) form["auth_pwd"] = Passwords.GetValueOrDefault(user, "***");
        if (name.StartsWith("06", StringComparison.Ordinal)) form["json_data"] = form["json_data"].Replace("***", "secret", StringComparison.Ordinal);
        using var message = (string)request["method"]! == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, url + "&auth_user=connector&auth_pwd=secret&json_data=" + Uri.EscapeDataString(form["json_data"]))
            : new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        if (recording.AuthMode.StartsWith("basic", StringComparison.Ordinal))
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{(wrong ? "nope" : "secret")}")));
        using var response = await _http.SendAsync(message);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(recording.ResponseBody, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stimulus_and_star_answers_have_the_recorded_shape()
    {
        // Recording 72: a create with no output_fields answers '*' (no id), empty keys "0", empty dates "", html description.
        var org = _sim.Store.AddOrganization("Académie de Normandie");
        using var client = _sim.CreateClient();
        var created = await client.CreateAsync(new ITopWrite("UserRequest", null,
            new ITopFields().Set("org_id", org).Set("title", "Anglais : accès à la plateforme refusé").Set("description", "Code établissement refusé."), "Créé par le connecteur (ids)", []));
        var recorded = (Newtonsoft.Json.Linq.JObject)Recording.Get("72-create_userrequest_numeric_keys_default_output").ResponseJson!["objects"]!["UserRequest::66"]!["fields"]!;
        Assert.Equal(recorded.Properties().Select(p => p.Name), created.Fields.Keys);
        Assert.Equal("<p>Code établissement refusé.</p>", created.GetString("description"));
        Assert.Equal(("0", "", "ongoing", "new"), (created.GetString("team_id"), created.GetString("close_date"), created.GetString("operational_status"), created.GetString("status")));
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Integer, created.Fields["tto"]!.Type);
        Assert.Equal(Newtonsoft.Json.Linq.JTokenType.Null, created.Fields["sla_tto_over"]!.Type);
    }

    public void Dispose()
    {
        _http.Dispose();
        _sim.Dispose();
    }
}
