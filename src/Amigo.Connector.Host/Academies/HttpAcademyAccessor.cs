namespace Amigo.Connector.Host.Academies;

/// <summary>The academy the API gate resolved for the current request.</summary>
internal sealed class HttpAcademyAccessor(IHttpContextAccessor http) : IAcademyAccessor
{
    internal const string ItemKey = "amigo.academy";

    public AcademyContext Current =>
        http.HttpContext?.Items[ItemKey] as AcademyContext
        ?? throw new InvalidOperationException("No academy for this request: IAcademyAccessor is only available in endpoints under /api/academies/{academy}/.");
}
