using Amigo.Connector.Contracts.Academies;
using Amigo.Connector.Contracts.Lifecycle;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Amigo.Plugins.Reporting.Tests.Support;

/// <summary>Stand-in for the host's accessor: the academy named by the {academy} route value.</summary>
public sealed class RouteAcademyAccessor(IHttpContextAccessor http) : IAcademyAccessor
{
    public AcademyContext Current
    {
        get
        {
            var id = (string)http.HttpContext!.Request.RouteValues["academy"]!;
            return new AcademyContext(id, "Académie de " + id, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"),
                BuiltInProfiles.Stock, new AcademyFieldMap(), null!, new ConfigurationBuilder().Build());
        }
    }
}
