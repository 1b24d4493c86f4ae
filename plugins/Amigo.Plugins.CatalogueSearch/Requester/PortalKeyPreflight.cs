namespace Amigo.Plugins.CatalogueSearch.Requester;

/// <summary>
/// The requester page's line of <c>amigo check</c>: whether the portal key is set and well formed, and which of iTop's
/// encryption libraries the tokens are sealed for. The key is optional (the search API and the page's results do without
/// it), so an absent key passes with what it disables; a key set but unreadable or malformed fails. iTop itself cannot be asked read-only whether it accepts the key
/// (the portal decodes tokens only for a signed-in portal user), so the line says what to compare by hand.
/// </summary>
public sealed class PortalKeyPreflight : IPluginPreflight
{
    private const string Check = "catalogue: portal key of the requester page";

    /// <summary>The engines iTop's <c>SimpleCrypt</c> may end up running that <see cref="PortalEncryptionLibrary"/> cannot seal for.</summary>
    internal const string UnsupportedEngines = "only iTop's Sodium and OpenSSL engines are supported: not 'Mcrypt' (run as "
        + "OpenSSLMcryptCompatibility on PHP 7.2+), 'OpenSSLMcryptCompatibility' or 'Simple', nor 'Sodium' on a PHP without the "
        + "sodium extension (iTop then runs Simple)";

    /// <inheritdoc />
    public string PluginId => CatalogueSearchSettings.PluginId;

    /// <inheritdoc />
    public Task<IReadOnlyList<PreflightLine>> CheckAsync(AcademyContext academy, CancellationToken cancellationToken)
    {
        var settings = academy.GetPluginSettings<CatalogueSearchSettings>(CatalogueSearchSettings.PluginId);
        var key = settings.ResolvePortalKey();
        var compare = $"iTop's 'encryption_library' must be '{settings.PortalEncryptionLibrary}' and the key iTop's current "
            + "portal-priv-key (SELECT value FROM priv_db_properties WHERE name = 'portal-priv-key'); "
            + UnsupportedEngines;
        PreflightLine line = key switch
        {
            null when settings.PortalKeyFile is { Length: > 0 } file => new(Check, false, $"PortalKeyFile '{file}' cannot be read",
                "Make the file readable by the service; its first line is iTop's portal-priv-key."),
            // Optional: the search API and the page's results work without it; only opening the prefilled form needs it.
            null => new(Check, true, "not set (optional): the requester page lists services, but choosing a row answers 503 instead of "
                + $"opening the portal's form; to enable it set Amigo__Academies__{academy.Id}__Plugins__catalogue__PortalKey (or PortalKeyFile) "
                + $"to iTop's portal-priv-key; {compare}"),
            _ when !PortalTokenCipher.IsWellFormedKey(key) => new(Check, false, "set but not 64 hexadecimal digits",
                "Copy the value of portal-priv-key from iTop's priv_db_properties table exactly."),
            _ => new(Check, true, $"set (64 hex digits), tokens sealed for iTop's {settings.PortalEncryptionLibrary} library, form route {settings.PortalFormRoute}; "
                + $"{compare} (not provable read-only)"),
        };
        return Task.FromResult<IReadOnlyList<PreflightLine>>([line]);
    }
}
