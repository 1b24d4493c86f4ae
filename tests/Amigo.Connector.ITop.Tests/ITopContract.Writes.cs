namespace Amigo.Connector.ITop.Tests;

/// <summary>Refusals of writes and reads the client never provokes on purpose but must read right, sent raw.</summary>
public static partial class ITopContract
{
    /// <summary>Recordings 19, 45, 46, 75-77, 86, 87, 91, 92, 93, 97, 99: refusals with their messages, and what REST lets through.</summary>
    public static async Task AnswersBadRequestsLikeTheRecordings(ITopContractTarget target, IITopClient client)
    {
        var ticket = await CreateTicketAsync(client, "Test de contrat : requêtes refusées");
        using var raw = target.Raw();
        Task<RawAnswer> Call(object jsonData) => raw.CallAsync(target.User, target.Password, jsonData);
        var org = new Dictionary<string, string> { ["name"] = Toulouse };
        var caller = new Dictionary<string, string> { ["email"] = CallerEmail };

        var cases = new (RawAnswer Answer, int Code, string Message)[]
        {
            (await Call(new { operation = "core/create", comment = "test", @class = "UserRequest", output_fields = "id", fields = new { org_id = org, title = "sans description" } }),
                100, "Error: Valeur de l'attribut incorrecte 'Description' (description) : Null not allowed: issues = {0=>Valeur de l'attribut incorrecte 'Description' (description) : Null not allowed}, class = UserRequest, id = -1"),
            (await Call(new { operation = "core/create", comment = "test", @class = "UserRequest", output_fields = "id", fields = new { org_id = org, caller_id = caller, title = "x", description = "x", urgency = "9" } }),
                100, "Error: Valeur de l'attribut incorrecte 'Urgence' (urgency) : Value not allowed [9]: issues = {0=>Valeur de l'attribut incorrecte 'Urgence' (urgency) : Value not allowed [9]}, class = UserRequest, id = -1"),
            (await Call(new { operation = "core/create", comment = "test", @class = "UserRequest", output_fields = "id", fields = new { org_id = org, caller_id = caller, title = "x", description = "x", foo = "bar" } }),
                100, "Error: foo: Unknown attribute"),
            (await Call(new { operation = "core/update", comment = "log", @class = "UserRequest", key = ticket.Key, output_fields = "id", fields = new { public_log = new { add_item = new { message = "x", user_id = 1 } } } }),
                1, "Error: public_log: Only administrators can set the user id"),
            (await Call(new { operation = "core/update", comment = "log", @class = "UserRequest", key = ticket.Key, output_fields = "id", fields = new { public_log = new { add_item = new { format = "text" } } } }),
                100, "Error: public_log: Missing mandatory entry: 'message'"),
            (await Call(new { operation = "core/update", comment = "maj", @class = "UserRequest", key = 999_999_999, fields = new { title = "x" } }),
                100, "Error: Invalid object UserRequest::999999999"),
            (await Call(new { operation = "core/apply_stimulus", comment = "test", @class = "UserRequest", key = ticket.Key, stimulus = "ev_assign" }),
                100, "Error: Missing parameter 'fields'"),
            (await Call(new { operation = "core/get", @class = "UserRequest", key = "SELECT UserRequest WHERE status = " }),
                100, "Error: Query failed to execute: query = SELECT UserRequest WHERE status = , exception_class = OQLParserSyntaxErrorException, exception_message = Unexpected token End of Input - found '0' at 0 in 'SELECT UserRequest WHERE status = '"),
        };
        Assert.All(cases, c => Assert.Equal((c.Code, c.Message), (c.Answer.Code, c.Answer.Message)));

        var unknownFilter = await Call(new { operation = "core/get", @class = "UserRequest", key = "SELECT UserRequest WHERE foo = 'bar'" });
        Assert.Equal(100, unknownFilter.Code);
        Assert.StartsWith("Error: Query failed to execute: query = SELECT UserRequest WHERE foo = 'bar', exception_class = OqlNormalizeException, exception_message = Unknown filter code - found 'foo' at 25 in 'SELECT UserRequest WHERE foo = 'bar'', expecting {", unknownFilter.Message, StringComparison.Ordinal);

        // JSONP (the client refuses it as non-JSON).
        var jsonp = await raw.PostAsync("version=1.4", new Dictionary<string, string>
        {
            ["auth_user"] = target.User, ["auth_pwd"] = target.Password, ["callback"] = "cb",
            ["json_data"] = """{"operation":"core/get","class":"Team","key":{"name":"HELPDESK"},"output_fields":"name"}""",
        });
        Assert.StartsWith("cb({\"code\":0,\"message\":\"Found: 1\",\"objects\":{\"Team::", jsonp.Body, StringComparison.Ordinal);
        Assert.EndsWith("\"fields\":{\"name\":\"HELPDESK\"}}}});", jsonp.Body, StringComparison.Ordinal);

        // A JSON body is not read: parameters come from form fields only.
        using (var json = new HttpRequestMessage(HttpMethod.Post, target.Options.Url.TrimEnd('/') + "/webservices/rest.php?version=1.4&auth_user="
                   + Uri.EscapeDataString(target.User) + "&auth_pwd=" + Uri.EscapeDataString(target.Password))
               { Content = new StringContent(ListOperations, Encoding.UTF8, "application/json") })
            Assert.Equal(1, (await raw.SendAsync(json)).Code);
        using (var json = new HttpRequestMessage(HttpMethod.Post, target.Options.Url.TrimEnd('/') + "/webservices/rest.php?version=1.4")
               { Content = new StringContent(ListOperations, Encoding.UTF8, "application/json") })
        {
            json.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{target.User}:{target.Password}")));
            var answer = await raw.SendAsync(json);
            Assert.Equal((3, "Error: Missing parameter 'json_data'"), (answer.Code, answer.Message));
        }

        // What REST lets through (the connector enforces the lifecycle itself): ev_assign without an agent, a team
        // change on an assigned ticket, a status written directly.
        var assigned = await Call(new { operation = "core/apply_stimulus", comment = "test", @class = "UserRequest", key = ticket.Key, stimulus = "ev_assign",
            fields = new { team_id = new Dictionary<string, string> { ["name"] = TlsTeam } }, output_fields = "status,agent_id" });
        Assert.Equal((0, "assigned", "0"), (assigned.Code, assigned.Single().GetProperty("fields").GetProperty("status").GetString(),
            assigned.Single().GetProperty("fields").GetProperty("agent_id").GetString()));
        var moved = await Call(new { operation = "core/update", comment = "test", @class = "UserRequest", key = ticket.Key,
            fields = new { team_id = new Dictionary<string, string> { ["name"] = "HELPDESK" } }, output_fields = "team_id_friendlyname" });
        Assert.Equal("HELPDESK", moved.Single().GetProperty("fields").GetProperty("team_id_friendlyname").GetString());
        var closed = await Call(new { operation = "core/update", comment = "test", @class = "UserRequest", key = ticket.Key, fields = new { status = "closed" }, output_fields = "status,close_date" });
        Assert.Equal(("closed", ""), (closed.Single().GetProperty("fields").GetProperty("status").GetString(), closed.Single().GetProperty("fields").GetProperty("close_date").GetString()));
    }
}
