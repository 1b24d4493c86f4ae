namespace Amigo.Connector.Contracts.Academies;

/// <summary>The academies this host serves and which plugins each has enabled.</summary>
public interface IAcademyRegistry
{
    /// <summary>All configured academies, in configuration order.</summary>
    IReadOnlyList<AcademyContext> All { get; }

    /// <summary>The academy with this id, or null.</summary>
    AcademyContext? Find(string academyId);

    /// <summary>
    /// Whether <paramref name="pluginId"/> is enabled for the academy: a switch made at run time (CLI or
    /// HTTP, stored in the database) wins over the configuration file.
    /// </summary>
    Task<bool> IsPluginEnabledAsync(string academyId, string pluginId, CancellationToken cancellationToken = default);
}

/// <summary>The academy of the current HTTP request (from the <c>{academy}</c> route value), for plugin endpoints.</summary>
public interface IAcademyAccessor
{
    /// <summary>The academy the request is for; the host has already checked it exists, the plugin is enabled and the caller may see it.</summary>
    AcademyContext Current { get; }
}
