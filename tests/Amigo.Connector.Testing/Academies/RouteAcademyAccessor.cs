namespace Amigo.Connector.Testing.Academies;

/// <summary>Stand-in for the host's accessor when a plugin is served alone: the academy named by the <c>{academy}</c> route value.</summary>
public sealed class RouteAcademyAccessor(IHttpContextAccessor http, IAcademyRegistry registry) : IAcademyAccessor
{
    /// <inheritdoc />
    public AcademyContext Current =>
        registry.Find((string)http.HttpContext!.GetRouteValue("academy")!) ?? throw new InvalidOperationException("unknown academy");
}
