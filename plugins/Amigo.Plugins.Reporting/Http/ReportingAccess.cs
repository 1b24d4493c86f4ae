namespace Amigo.Plugins.Reporting.Http;

/// <summary>Who may see every academy at once (<c>?scope=all</c>): callers the host marked as holding an admin key.</summary>
public static class ReportingAccess
{
    /// <summary>Role the host gives to callers holding an admin API key.</summary>
    public const string AdminRole = ConnectorCaller.AdminRole;

    /// <summary>Whether the caller holds an admin key.</summary>
    public static bool IsAdmin(ClaimsPrincipal? user) => user?.IsInRole(AdminRole) == true;
}
