namespace Amigo.Connector.ITop;

/// <summary>How the client proves its identity to iTop.</summary>
public enum ITopAuthMode
{
    /// <summary><c>auth_user</c>/<c>auth_pwd</c> form fields (iTop's default "form" login mode).</summary>
    Form,
    /// <summary>An HTTP Basic <c>Authorization</c> header.</summary>
    Basic,
    /// <summary>An <c>auth_token</c> form field (needs the authent-token extension, iTop 3.1+).</summary>
    Token,
}

/// <summary>Settings of one iTop instance (one academy).</summary>
public sealed record ITopClientOptions
{
    /// <summary>Name of the instance (the academy id), used in logs and error messages.</summary>
    public string InstanceName { get; init; } = "itop";

    /// <summary>Base URL of iTop (e.g. <c>https://itop.ac-toulouse.fr/</c>); REST lives at <c>webservices/rest.php</c> under it.</summary>
    public string Url { get; init; } = "";

    /// <summary>REST user login (Form and Basic modes).</summary>
    public string? User { get; init; }

    /// <summary>REST user password (Form and Basic modes). Never logged.</summary>
    public string? Password { get; init; }

    /// <summary>Personal token (Token mode). Never logged.</summary>
    public string? Token { get; init; }

    /// <summary>How credentials are sent.</summary>
    public ITopAuthMode AuthMode { get; init; } = ITopAuthMode.Form;

    /// <summary>REST version asked for (<c>?version=</c>); iTop 3.2 accepts 1.0 to 1.4.</summary>
    public string Version { get; init; } = "1.4";

    /// <summary>The iTop server's time zone: its dates are wall-clock times of this zone with no offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = DefaultTimeZone();

    /// <summary>Time allowed for one HTTP exchange (streamed reads: until the answer's headers arrive).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(100);

    /// <summary>Calls in flight at once against this instance: iTop has no rate limiting of its own.</summary>
    public int MaxConcurrency { get; init; } = 4;

    /// <summary>Retries of a read after a transient fault (connection refused, timeout, HTTP 5xx, HTML page).</summary>
    public int MaxRetryAttempts { get; init; } = 3;

    /// <summary>First retry delay; doubled at each attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Upper bound of one retry delay.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Throws when a setting cannot work; messages never contain the password or token.</summary>
    public void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(InstanceName)) errors.Add("InstanceName is required");
        if (!Uri.TryCreate(Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            errors.Add("Url must be an absolute http(s) URL");
        else if (!string.IsNullOrEmpty(uri.UserInfo))
            errors.Add("Url must not carry credentials (use User/Password)");
        switch (AuthMode)
        {
            case ITopAuthMode.Form or ITopAuthMode.Basic:
                if (string.IsNullOrEmpty(User)) errors.Add($"User is required in {AuthMode} mode");
                if (string.IsNullOrEmpty(Password)) errors.Add($"Password is required in {AuthMode} mode");
                break;
            case ITopAuthMode.Token:
                if (string.IsNullOrEmpty(Token)) errors.Add("Token is required in Token mode");
                break;
            default:
                errors.Add("AuthMode must be Form, Basic or Token");
                break;
        }
        if (Version is not ("1.0" or "1.1" or "1.2" or "1.3" or "1.4")) errors.Add("Version must be one of 1.0 to 1.4");
        if (Timeout <= TimeSpan.Zero) errors.Add("Timeout must be positive");
        if (MaxConcurrency < 1) errors.Add("MaxConcurrency must be at least 1");
        if (MaxRetryAttempts < 0) errors.Add("MaxRetryAttempts cannot be negative");
        if (RetryBaseDelay < TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay) errors.Add("RetryBaseDelay must be >= 0 and <= RetryMaxDelay");
        if (errors.Count > 0)
            throw new ArgumentException($"iTop instance '{InstanceName}' is misconfigured: {string.Join("; ", errors)}.");
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"iTop '{InstanceName}' at {Url} (auth {AuthMode}, user {User ?? "-"}, version {Version}, zone {TimeZone.Id})";

    private static TimeZoneInfo DefaultTimeZone() => TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
}
