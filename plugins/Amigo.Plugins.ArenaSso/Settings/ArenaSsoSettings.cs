namespace Amigo.Plugins.ArenaSso.Settings;

/// <summary>
/// Per-academy settings of the ARENA bridge, bound from <c>Amigo:Academies:{id}:Plugins:arena</c>.
/// The shared secret never lives in a committed file: give it through the environment
/// (<c>Amigo__Academies__{id}__Plugins__arena__SharedSecret</c>) or a file readable by the service only
/// (<see cref="SharedSecretFile"/>).
/// </summary>
public sealed class ArenaSsoSettings : IValidatableSettings
{
    /// <summary>Smallest accepted shared secret, in characters.</summary>
    public const int MinimumSecretLength = 32;

    /// <summary>Identity header names.</summary>
    [Required] public ArenaHeaderNames Headers { get; set; } = new();

    /// <summary>Session cookie of ARENA's proxy; a request without it is not authenticated.</summary>
    [Required] public string SessionCookie { get; set; } = "CTSESSION";

    /// <summary>Addresses of ARENA's reverse proxies (CIDR, e.g. <c>10.20.0.0/24</c> or <c>192.0.2.7/32</c>).</summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>Header carrying the shared secret the proxy adds to every request.</summary>
    [Required] public string SharedSecretHeader { get; set; } = "X-Amigo-Arena-Secret";

    /// <summary>The shared secret (from the environment, never from a committed file).</summary>
    public string? SharedSecret { get; set; }

    /// <summary>A file holding the shared secret (first line), e.g. a mounted Docker/Kubernetes secret.</summary>
    public string? SharedSecretFile { get; set; }

    /// <summary>How the person is found in iTop.</summary>
    public PersonLookupMode PersonLookup { get; set; } = PersonLookupMode.Email;

    /// <summary>Code of the iTop Organization used when no establishment has an Organization with its UAI as <c>code</c>.</summary>
    [Required] public string DefaultOrganizationCode { get; set; } = "";

    /// <summary>iTop profile of every bridged person.</summary>
    [Required] public string PortalProfile { get; set; } = "Portal user";

    /// <summary>Extra iTop profile of heads of establishment (<c>DIR</c> or <c>FrEduRneResp</c> holders): the "Partagés" tab.</summary>
    [Required] public string HeadOfEstablishmentProfile { get; set; } = "Portal power user";

    /// <summary>Language of created accounts (iTop language code).</summary>
    [Required] public string Language { get; set; } = "FR FR";

    /// <summary>How long a successful provisioning is trusted before iTop is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How the person is handed over to iTop.</summary>
    public ArenaHandoffMode HandoffMode { get; set; } = ArenaHandoffMode.ReverseProxy;

    /// <summary>Header the bridge sets with the ARENA login in reverse-proxy mode; iTop reads it through <c>ext_auth_variable</c>.</summary>
    [Required] public string ITopTrustHeader { get; set; } = "X-Remote-User";

    /// <summary>
    /// Origin of the web server where iTop is served under the bridge's own path (reverse-proxy target), e.g.
    /// <c>http://itop-internal.ac-toulouse.fr:8080/</c>: the bridge forwards <c>/api/academies/{academy}/arena/portal/…</c>
    /// there unchanged, so iTop must answer under that path (docs/plugins/arena-sso.md).
    /// </summary>
    public string? ITopWebUrl { get; set; }

    /// <summary>The iTop portal page, relative to <see cref="ITopWebUrl"/> in reverse-proxy mode, absolute in redirect mode.</summary>
    [Required] public string PortalUrl { get; set; } = "pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal";

    /// <summary>Largest accepted identity header value, in characters.</summary>
    [Range(256, 65536)] public int MaxHeaderLength { get; set; } = 4096;

    // Refused rather than warned about: the bridge's trust rests on the network path (headers are forgeable), and a
    // warning in a start-up log is read after the first forged sign-in. 0.0.0.0/0, ::/0 and ::ffff:0:0/96 (every IPv4
    // address, mapped) are "everyone".
    private static bool TrustsEveryone(IPNetwork network) =>
        network.PrefixLength == 0
        || (network.BaseAddress.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && network.BaseAddress.IsIPv4MappedToIPv6
            && network.PrefixLength <= 96);

    /// <inheritdoc />
    public IEnumerable<string> Validate(AcademyContext academy)
    {
        if (TrustedProxies.Count == 0)
            yield return "TrustedProxies: at least one proxy address (CIDR) is required; without it nobody can sign in.";
        foreach (var cidr in TrustedProxies)
            if (!IPNetwork.TryParse(cidr, out var network))
                yield return $"TrustedProxies: '{cidr}' is not a CIDR network (e.g. 10.0.0.0/24).";
            else if (TrustsEveryone(network))
                yield return $"TrustedProxies: '{cidr}' trusts every address, so anyone who reaches the connector could forge ARENA's identity "
                             + "headers; list the networks of ARENA's proxies only (e.g. 10.20.0.0/24).";

        var hasSecret = !string.IsNullOrEmpty(SharedSecret);
        var hasFile = !string.IsNullOrEmpty(SharedSecretFile);
        if (hasSecret == hasFile)
            yield return "SharedSecret / SharedSecretFile: give exactly one (SharedSecret through the environment, never in a committed file).";
        else if (hasSecret && SharedSecret!.Length < MinimumSecretLength)
            yield return $"SharedSecret: at least {MinimumSecretLength} characters.";
        else if (hasFile && !File.Exists(SharedSecretFile))
            yield return $"SharedSecretFile: '{SharedSecretFile}' does not exist.";

        foreach (var (name, value) in HeaderSettings())
            if (!IsHeaderName(value))
                yield return $"{name}: '{value}' is not a valid HTTP header name.";
        if (!IsCookieName(SessionCookie))
            yield return $"SessionCookie: '{SessionCookie}' is not a valid cookie name.";

        if (PersonLookup == PersonLookupMode.ExternalId && string.IsNullOrEmpty(academy.FieldMap.PersonExternalId))
            yield return "PersonLookup: ExternalId needs the academy's FieldMap.PersonExternalId.";
        foreach (var (name, attribute) in new[] { ("FieldMap.PersonExternalId", academy.FieldMap.PersonExternalId), ("FieldMap.PersonEstablishments", academy.FieldMap.PersonEstablishments) })
            if (attribute is not null && !IsAttribute(attribute))
                yield return $"{name}: '{attribute}' is not an iTop attribute code.";

        if (string.IsNullOrWhiteSpace(DefaultOrganizationCode))
            yield return "DefaultOrganizationCode: required (the organization of people whose establishments have none in iTop).";

        if (HandoffMode == ArenaHandoffMode.ReverseProxy)
        {
            if (!Uri.TryCreate(ITopWebUrl, UriKind.Absolute, out var web) || web.Scheme is not ("http" or "https"))
                yield return "ITopWebUrl: an absolute http(s) URL is required in ReverseProxy mode.";
            else if (web.AbsolutePath != "/" || web.Query.Length > 0)
                yield return $"ITopWebUrl: give only the origin of iTop's web server ({web.GetLeftPart(UriPartial.Authority)}/): the bridge forwards its own path "
                    + $"unchanged, so iTop must be served there under /api/academies/{academy.Id}/arena/portal/, not under '{web.AbsolutePath}'.";
            if (Uri.TryCreate(PortalUrl, UriKind.Absolute, out _) || PortalUrl.StartsWith('/'))
                yield return "PortalUrl: must be relative to ITopWebUrl in ReverseProxy mode (e.g. pages/exec.php?…).";
        }
        else if (!Uri.TryCreate(PortalUrl, UriKind.Absolute, out var portal) || portal.Scheme != "https" && portal.Scheme != "http")
        {
            yield return "PortalUrl: an absolute http(s) URL is required in Redirect mode.";
        }
    }

    /// <summary>The secret, read from the setting or the file.</summary>
    public string ResolveSharedSecret() =>
        !string.IsNullOrEmpty(SharedSecret)
            ? SharedSecret
            : File.ReadLines(SharedSecretFile!).FirstOrDefault()?.Trim() is { Length: >= MinimumSecretLength } secret
                ? secret
                : throw new InvalidOperationException($"SharedSecretFile '{SharedSecretFile}' does not hold a secret of at least {MinimumSecretLength} characters.");

    private IEnumerable<(string, string)> HeaderSettings() =>
    [
        ("Headers.Login", Headers.Login), ("Headers.Email", Headers.Email), ("Headers.LastName", Headers.LastName),
        ("Headers.FirstName", Headers.FirstName), ("Headers.Establishments", Headers.Establishments),
        ("Headers.ResponsibleEstablishments", Headers.ResponsibleEstablishments),
        ("Headers.AdministrativeFunction", Headers.AdministrativeFunction),
        ("SharedSecretHeader", SharedSecretHeader), ("ITopTrustHeader", ITopTrustHeader),
    ];

    // RFC 9110 token characters.
    private static bool IsHeaderName(string? name) =>
        !string.IsNullOrEmpty(name) && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c));

    private static bool IsCookieName(string? name) => IsHeaderName(name);

    private static bool IsAttribute(string attribute)
    {
        try { OqlNames.EnsureAttribute(attribute); return true; }
        catch (ArgumentException) { return false; }
    }
}
