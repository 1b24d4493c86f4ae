namespace Amigo.Plugins.ArenaSso.Settings;

/// <summary>How the bridge hands a signed-in person over to iTop.</summary>
public enum ArenaHandoffMode
{
    /// <summary>
    /// The bridge forwards every portal request to iTop (YARP) and sets the header iTop's <c>external</c>
    /// login mode trusts. iTop must be reachable only from the bridge.
    /// </summary>
    ReverseProxy,

    /// <summary>
    /// The bridge provisions, then redirects the browser to <see cref="ArenaSsoSettings.PortalUrl"/>; the path to iTop
    /// (ARENA's proxy in front of iTop) is responsible for the external login.
    /// </summary>
    Redirect,
}

/// <summary>How the person is found in iTop.</summary>
public enum PersonLookupMode
{
    /// <summary>By e-mail address (<c>Person.email</c>).</summary>
    Email,

    /// <summary>By ARENA login in the academy's external-id attribute (<c>AcademyFieldMap.PersonExternalId</c>).</summary>
    ExternalId,
}
