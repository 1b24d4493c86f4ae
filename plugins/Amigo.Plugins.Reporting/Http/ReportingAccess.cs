using System.Security.Claims;

namespace Amigo.Plugins.Reporting.Http;

/// <summary>
/// Who may see every academy at once (<c>?academy=*</c>). The contracts say nothing about the caller's key, so the
/// plugin trusts the principal the host authenticated: an admin key must carry the role <see cref="AdminRole"/>.
/// </summary>
public static class ReportingAccess
{
    /// <summary>Role the host gives to callers holding an admin API key.</summary>
    public const string AdminRole = "amigo-admin";

    /// <summary>Whether the caller holds an admin key.</summary>
    public static bool IsAdmin(ClaimsPrincipal? user) => user?.IsInRole(AdminRole) == true;
}
