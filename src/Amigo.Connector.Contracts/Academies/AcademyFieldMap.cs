namespace Amigo.Connector.Contracts.Academies;

/// <summary>
/// Where an academy's iTop keeps what stock iTop lacks. Each value is a UserRequest attribute code
/// (possibly an external field such as <c>org_id->code</c> written <c>org_code</c> by iTop); null when the academy has none.
/// </summary>
public sealed class AcademyFieldMap
{
    /// <summary>Attribute holding the establishment's UAI code on a ticket. Stock iTop: none; a common choice is the organization's code (<c>org_id->code</c>).</summary>
    public string? EstablishmentUai { get; init; }

    /// <summary>Attribute of ServiceFamily (or of the ticket) naming the <em>Domaine de service</em>.</summary>
    public string? ServiceDomain { get; init; }

    /// <summary>Attribute naming the <em>Groupe de famille</em>.</summary>
    public string? FamilyGroup { get; init; }

    /// <summary>UserRequest attribute telling who may see the ticket (personal vs establishment, the "Partagés" tab).</summary>
    public string? VisibleBy { get; init; }

    /// <summary>UserRequest attribute naming the beneficiary (the "Bénéficiaire" tab).</summary>
    public string? Beneficiary { get; init; }

    /// <summary>Person attribute holding the ARENA login (external id), when the academy keeps one.</summary>
    public string? PersonExternalId { get; init; }

    /// <summary>Person attribute (or link) holding the person's establishments, when the academy keeps them.</summary>
    public string? PersonEstablishments { get; init; }
}
