namespace Amigo.Connector.Simulation;

/// <summary>Ids of the demo data seeded by <see cref="ITopSimulationSeed.Academies"/>.</summary>
public sealed record ITopDemoData(
    long Toulouse, long Montpellier, long HelpdeskTeam, long TlsTeam, long MplTeam,
    long CallerElodie, long AgentSebastien, long AgentHelene, long AgentFrancois,
    long FamilyCommunication, long ServiceWebmail, long SubcategoryAccess, long SubcategoryBug, long Contract);

/// <summary>A small, realistic catalogue and organisation in the shape of the recordings (French names).</summary>
public static class ITopSimulationSeed
{
    /// <summary>Seeds two academies, their teams, agents, a caller, a service with two subcategories and a contract.</summary>
    public static ITopDemoData Academies(ITopSimulationStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var toulouse = store.AddOrganization("Académie de Toulouse", "AC-TLS");
        var montpellier = store.AddOrganization("Académie de Montpellier", "AC-MPL");
        var elodie = store.AddPerson(toulouse, "Élodie", "Durand", "elodie.durand@ac-toulouse.fr", "Professeure documentaliste");
        var sebastien = store.AddPerson(toulouse, "Sébastien", "Dupont", "sebastien.dupont@ac-toulouse.fr", "Technicien");
        var helene = store.AddPerson(toulouse, "Hélène", "Martin", "helene.martin@ac-toulouse.fr", "Responsable plateforme");
        var francois = store.AddPerson(montpellier, "François", "Bernard", "francois.bernard@ac-montpellier.fr", "Technicien");
        var helpdesk = store.AddTeam(toulouse, "HELPDESK", "helpdesk@ac-toulouse.fr", [helene]);
        var tls = store.AddTeam(toulouse, "DSI Plateforme Assistance TLS", "assistance@ac-toulouse.fr", [sebastien, helene], "Plateforme d'assistance de la DSI - Toulouse");
        var mpl = store.AddTeam(montpellier, "DSI Plateforme Assistance MPL", "assistance@ac-montpellier.fr", [francois]);
        var family = store.AddServiceFamily("Communication, partage et collaboration");
        var webmail = store.AddService(toulouse, "Webmail académique", family, "Service « Webmail académique » du catalogue académique.");
        var access = store.AddServiceSubcategory(webmail, "Accès à l'application", description: "Webmail académique - Accès à l'application");
        var bug = store.AddServiceSubcategory(webmail, "Dysfonctionnement (Anomalie, bug, données manquantes)", "incident");
        var contract = store.AddCustomerContract(montpellier, "Contrat de services numériques - Académie de Montpellier", [webmail], toulouse, new DateTime(2024, 9, 1));
        return new ITopDemoData(toulouse, montpellier, helpdesk, tls, mpl, elodie, sebastien, helene, francois, family, webmail, access, bug, contract);
    }
}
