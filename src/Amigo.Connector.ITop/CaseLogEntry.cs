namespace Amigo.Connector.ITop;

/// <summary>One entry of an iTop case log.</summary>
/// <param name="LocalDate">When it was written, in the iTop server's local time (no offset).</param>
/// <param name="UserLogin">What iTop calls <c>user_login</c>: actually the author's display name.</param>
/// <param name="UserId">The author's user id, when known.</param>
/// <param name="Message">Plain-text message.</param>
/// <param name="MessageHtml">HTML message.</param>
public sealed record CaseLogEntry(DateTime LocalDate, string UserLogin, long? UserId, string Message, string MessageHtml)
{
    internal static IReadOnlyList<CaseLogEntry> ParseLog(JToken? token, string where)
    {
        if (token is null || token.Type == JTokenType.Null) return [];
        if (token is JValue { Type: JTokenType.String } text && string.IsNullOrEmpty((string?)text)) return [];
        if (token is not JObject log || log["entries"] is not JArray entries)
            throw new ITopFormatException($"{where} is not a case log ({{\"entries\":[…]}}).");
        var result = new List<CaseLogEntry>(entries.Count);
        foreach (var entry in entries)
        {
            var date = ITopTimeZone.ParseLocal((string?)entry["date"], where + ".date")
                       ?? throw new ITopFormatException($"{where}: an entry has no date.");
            var userId = long.TryParse((string?)entry["user_id"], out var id) && id != 0 ? id : (long?)null;
            result.Add(new CaseLogEntry(date, (string?)entry["user_login"] ?? "", userId,
                (string?)entry["message"] ?? "", (string?)entry["message_html"] ?? ""));
        }
        return result;
    }
}

/// <summary>Format of a case-log entry the connector appends.</summary>
public enum CaseLogFormat
{
    /// <summary>Plain text.</summary>
    Text,
    /// <summary>HTML.</summary>
    Html,
}
