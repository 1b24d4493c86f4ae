using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Amigo.Connector.ITop;
using Newtonsoft.Json.Linq;

namespace Amigo.Plugins.ArenaSso.Tests.Support;

/// <summary>
/// The shared <c>ITopSimulation</c> has no <c>UserExternal</c> class and refuses link-set writes, so the accounts part
/// of iTop is simulated here, in memory, answering like iTop (profile_list items carry <c>profileid</c> and
/// <c>profile</c>; an unknown profile name is code 100). Every other call goes to the real client and the WireMock
/// simulation. A user without rights on accounts answers like recording 67.
/// </summary>
internal sealed partial class UserAccountsOverlay(IITopClient inner) : IITopClient
{
    private const string UserClass = "UserExternal";
    private readonly object _sync = new();
    private readonly Dictionary<long, JObject> _users = [];
    private readonly List<string> _writes = [];
    private long _nextId = 100;

    /// <summary>Profiles iTop ships (URP_Profiles), by name.</summary>
    public Dictionary<string, long> Profiles { get; } = new(StringComparer.Ordinal)
    {
        ["Administrator"] = 1, ["Portal user"] = 2, ["Configuration Manager"] = 3, ["Service Desk Agent"] = 4,
        ["Support Agent"] = 5, ["Portal power user"] = 12, ["REST Services User"] = 1024,
    };

    /// <summary>When true, account reads and writes are refused (code 1) as for the connector's REST user in recording 67.</summary>
    public bool DenyAccounts { get; set; }

    /// <summary>Delay added to every account call, to widen race windows.</summary>
    public TimeSpan Latency { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>Every write that succeeded, in order, e.g. <c>core/create Person</c>, <c>core/create UserExternal</c>.</summary>
    public IReadOnlyList<string> Writes { get { lock (_sync) return [.. _writes]; } }

    /// <summary>Number of account reads.</summary>
    public int Reads { get; private set; }

    /// <summary>The accounts, each with its login, contact id and profile names.</summary>
    public IReadOnlyList<(long Id, string Login, long ContactId, IReadOnlyList<string> Profiles)> Accounts
    {
        get
        {
            lock (_sync)
                return _users.Select(u => (u.Key, (string)u.Value["login"]!, (long)u.Value["contactid"]!,
                    (IReadOnlyList<string>)((JArray)u.Value["profile_list"]!).Select(p => (string)p["profile"]!).ToList())).ToList();
        }
    }

    /// <summary>Adds an account directly (as an administrator would).</summary>
    public long AddAccount(string login, long contactId, params string[] profiles)
    {
        lock (_sync)
        {
            var id = ++_nextId;
            _users[id] = new JObject { ["login"] = login, ["contactid"] = contactId, ["profile_list"] = Links(id, login, profiles) };
            return id;
        }
    }

    public string InstanceName => inner.InstanceName;
    public ITopTimeZone TimeZone => inner.TimeZone;

    public Task<IReadOnlyList<ITopOperation>> ListOperationsAsync(CancellationToken cancellationToken = default) => inner.ListOperationsAsync(cancellationToken);
    public Task<bool> CheckCredentialsAsync(string user, string password, CancellationToken cancellationToken = default) => inner.CheckCredentialsAsync(user, password, cancellationToken);
    public IAsyncEnumerable<ITopObject> StreamAsync(ITopGetRequest request, CancellationToken cancellationToken = default) => inner.StreamAsync(request, cancellationToken);
    public Task<ITopObject> ApplyStimulusAsync(ITopStimulus stimulus, CancellationToken cancellationToken = default) => inner.ApplyStimulusAsync(stimulus, cancellationToken);
    public Task<ITopDeleteResult> DeleteAsync(string className, ITopKey key, string comment, bool simulate, CancellationToken cancellationToken = default) => inner.DeleteAsync(className, key, comment, simulate, cancellationToken);
    public Task<ITopGetResult> GetRelatedAsync(ITopRelatedRequest request, CancellationToken cancellationToken = default) => inner.GetRelatedAsync(request, cancellationToken);

    public async Task<ITopGetResult> GetAsync(ITopGetRequest request, CancellationToken cancellationToken = default)
    {
        if (request.ClassName != UserClass) return await inner.GetAsync(request, cancellationToken);
        await Task.Delay(Latency, cancellationToken);
        Deny("reading");
        var match = LoginQuery().Match(request.Key.ToJson().ToString());
        if (!match.Success) throw new NotSupportedException($"The accounts overlay answers only login queries, not {request.Key}.");
        var login = Regex.Unescape(match.Groups[1].Value);
        lock (_sync)
        {
            Reads++;
            var found = _users.Where(u => string.Equals((string?)u.Value["login"], login, StringComparison.OrdinalIgnoreCase))
                .Select(u => Object(u.Key, u.Value, request.OutputFields)).ToList();
            return new ITopGetResult(found.Count, found);
        }
    }

    public async Task<ITopObject> CreateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        if (write.ClassName != UserClass) return Log("core/create", write, await inner.CreateAsync(write, cancellationToken));
        await Task.Delay(Latency, cancellationToken);
        Deny("creating");
        RequireComment(write);
        var fields = write.Fields.ToJson();
        lock (_sync)
        {
            var login = (string?)fields["login"] ?? throw Error("login: Null not allowed");
            if (_users.Values.Any(u => string.Equals((string?)u["login"], login, StringComparison.OrdinalIgnoreCase)))
                throw Error($"login: the login '{login}' is already used");
            var id = ++_nextId;
            var user = new JObject { ["login"] = login, ["contactid"] = (long?)fields["contactid"] ?? 0 };
            user["profile_list"] = Links(id, login, ProfileNames(fields["profile_list"]));
            if (((JArray)user["profile_list"]!).Count == 0) throw Error("Class:User/Error:AtLeastOneProfileIsNeeded");
            _users[id] = user;
            _writes.Add("core/create UserExternal");
            return Object(id, user, write.OutputFields);
        }
    }

    public async Task<ITopObject> UpdateAsync(ITopWrite write, CancellationToken cancellationToken = default)
    {
        if (write.ClassName != UserClass) return Log("core/update", write, await inner.UpdateAsync(write, cancellationToken));
        await Task.Delay(Latency, cancellationToken);
        Deny("modifying");
        RequireComment(write);
        var fields = write.Fields.ToJson();
        lock (_sync)
        {
            var id = (long)write.Key!.ToJson();
            var user = _users.GetValueOrDefault(id) ?? throw Error($"No object found for key {id}");
            if (fields["contactid"] is { } contact) user["contactid"] = (long)contact;
            if (fields["profile_list"] is { } profiles) user["profile_list"] = Links(id, (string)user["login"]!, ProfileNames(profiles));
            _writes.Add("core/update UserExternal");
            return Object(id, user, write.OutputFields);
        }
    }

    private ITopObject Log(string operation, ITopWrite write, ITopObject written)
    {
        lock (_sync) _writes.Add($"{operation} {write.ClassName}");
        return written;
    }

    private JArray Links(long userId, string login, IEnumerable<string> profiles) =>
        new(profiles.Distinct().Select(name => new JObject
        {
            ["userid"] = userId.ToString(),
            ["userlogin"] = login,
            ["profileid"] = (Profiles.TryGetValue(name, out var id) ? id : throw Error($"profileid: no URP_Profiles found with name '{name}'")).ToString(),
            ["profile"] = name,
            ["reason"] = "",
            ["friendlyname"] = $"Link between {login} and {name}",
        }));

    private static IEnumerable<string> ProfileNames(JToken? links) =>
        links is JArray items ? items.Select(i => (string?)i["profileid"]?["name"] ?? throw Error("profileid must be searched by name here")).ToList() : [];

    private static ITopObject Object(long id, JObject user, IReadOnlyList<string> outputFields)
    {
        var fields = new Dictionary<string, JToken?>();
        foreach (var field in outputFields)
            fields[field] = field switch
            {
                "contactid" => new JValue(user["contactid"]!.ToString()),
                "id" => new JValue(id.ToString()),
                _ => user[field]?.DeepClone() ?? new JValue(""),
            };
        return new ITopObject(UserClass, id, fields);
    }

    private void Deny(string verb)
    {
        if (DenyAccounts) throw new ITopUnauthorizedException(InstanceName, "core/get", $"The current user does not have enough permissions for {verb} data of class {UserClass}");
    }

    private void RequireComment(ITopWrite write)
    {
        if (string.IsNullOrWhiteSpace(write.Comment)) throw Error("Missing parameter 'comment'");
    }

    private static ITopException Error(string message) => new("simulation", "core/write", ITopErrorCodes.InternalError, "Error: " + message);

    [GeneratedRegex(@"^SELECT UserExternal WHERE login = '((?:[^'\\]|\\.)*)'$")]
    private static partial Regex LoginQuery();
}
