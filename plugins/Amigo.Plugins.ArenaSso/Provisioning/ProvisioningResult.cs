namespace Amigo.Plugins.ArenaSso.Provisioning;

/// <summary>What the academy's iTop holds for a bridged person after provisioning.</summary>
/// <param name="PersonId">iTop Person id.</param>
/// <param name="UserId">iTop UserExternal id.</param>
/// <param name="OrganizationId">iTop Organization id of the person.</param>
/// <param name="Profiles">Profiles of the account the bridge manages (portal, head of establishment).</param>
/// <param name="Changes">Writes made by this provisioning (empty when iTop was already up to date).</param>
public sealed record ProvisioningResult(
    long PersonId,
    long UserId,
    long OrganizationId,
    IReadOnlyList<string> Profiles,
    IReadOnlyList<string> Changes);

/// <summary>Provisioning could not complete (iTop refused, or its data is ambiguous). Nothing more was written.</summary>
public sealed class ProvisioningException(string message, Exception? inner = null) : Exception(message, inner);
