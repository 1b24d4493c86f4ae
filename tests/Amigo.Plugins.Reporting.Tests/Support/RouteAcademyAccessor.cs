namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>Stand-in for the host's accessor: the academy named by the {academy} route value (the reports read only the database).</summary>
public sealed class RouteAcademyAccessor(IHttpContextAccessor http) : IAcademyAccessor
{
    public AcademyContext Current => TestAcademy.Create((string)http.HttpContext!.Request.RouteValues["academy"]!, null, ReportingPlugin.PluginId);
}
