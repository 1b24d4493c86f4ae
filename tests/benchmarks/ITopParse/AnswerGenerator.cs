namespace Amigo.Benchmarks.ITopParse;

/// <summary>Writes a core/get answer of N UserRequests shaped like recording 29 (PHP escaping: \u00e9, \/), French text.</summary>
internal static class AnswerGenerator
{
    private static readonly string[] Titles =
    [
        "ARENA : erreur 500 à l'ouverture de la gestion des personnels", "Webmail : pièces jointes impossibles à ouvrir",
        "Coupures réseau répétées au collège Pierre-de-Fermat", "Réservation de l'amphithéâtre pour le conseil pédagogique",
        "Pronote : mot de passe élève réinitialisé à tort", "Imprimante du CDI hors service", "Accès ENT refusé pour un enseignant stagiaire",
        "Agenda Webmail : rappel des événements inopérant", "Anglais : accès à la plateforme refusé", "Demande de création de compte « Inscriptions »",
    ];
    private static readonly string[] Teams = ["DSI Plateforme Assistance TLS", "DSI Plateforme Assistance MPL", "Équipe support Académie de Normandie", "HELPDESK", "PILOTES"];
    private static readonly string[] Orgs = ["Académie de Toulouse", "Académie de Montpellier", "Académie de Normandie"];
    private static readonly string[] People = ["Durand", "Lambert", "Morel", "Faure", "Lemaire", "Girard", "Bernard", "Dupont", "Martin", "Rousseau"];
    private static readonly string[] First = ["Élodie", "Stéphane", "Hélène", "François", "Sébastien", "Agnès", "Amélie", "Cédric", "Inès", "Noé"];
    private static readonly string[] Statuses = ["new", "assigned", "pending", "resolved", "closed"];
    private static readonly string[] Services = ["Portail ARENA", "Webmail académique", "Intendance", "Anglais", "Agenda Webmail"];
    private static readonly string[] Subcategories = ["Dysfonctionnement (Anomalie, bug, données manquantes)", "Accès à l'application", "Réservation de salle", "Demande d'information"];

    public static void Write(string path, int count)
    {
        var random = new Random(42);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("{\"code\":0,\"message\":\"Found: ");
        writer.Write(count.ToString(CultureInfo.InvariantCulture));
        writer.Write("\",\"objects\":{");
        var start = new DateTime(2026, 1, 5, 8, 0, 0);
        for (var i = 0; i < count; i++)
        {
            var id = count - i;
            if (i > 0) writer.Write(',');
            writer.Write($"\"UserRequest::{id}\":{{\"code\":0,\"message\":\"\",\"class\":\"UserRequest\",\"key\":\"{id}\",\"fields\":{{");
            var status = Statuses[random.Next(Statuses.Length)];
            var opened = start.AddMinutes(random.Next(0, 60 * 24 * 300));
            var assigned = status == "new" ? (DateTime?)null : opened.AddMinutes(random.Next(5, 600));
            var resolved = status is "resolved" or "closed" ? assigned!.Value.AddHours(random.Next(1, 200)) : (DateTime?)null;
            var closed = status == "closed" ? resolved!.Value.AddDays(random.Next(1, 10)) : (DateTime?)null;
            var team = random.Next(Teams.Length);
            var caller = random.Next(People.Length);
            var agent = random.Next(People.Length);
            var values = new Dictionary<string, string>
            {
                ["id"] = id.ToString(CultureInfo.InvariantCulture),
                ["ref"] = "R-" + id.ToString("000000", CultureInfo.InvariantCulture),
                ["title"] = Titles[random.Next(Titles.Length)],
                ["description"] = $"<p>Bonjour,</p><p>{Titles[random.Next(Titles.Length)]} depuis ce matin ; l'établissement 0310{random.Next(1000, 9999)}X est bloqué. Merci de votre aide.</p>",
                ["status"] = status,
                ["operational_status"] = status is "resolved" or "closed" ? status : "ongoing",
                ["request_type"] = random.Next(3) == 0 ? "incident" : "service_request",
                ["impact"] = random.Next(1, 4).ToString(CultureInfo.InvariantCulture),
                ["urgency"] = random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
                ["priority"] = random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
                ["origin"] = random.Next(2) == 0 ? "mail" : "portal",
                ["org_id"] = (team % 3 + 2).ToString(CultureInfo.InvariantCulture),
                ["org_name"] = Orgs[team % 3],
                ["caller_id"] = (20 + caller).ToString(CultureInfo.InvariantCulture),
                ["caller_name"] = People[caller],
                ["caller_id_friendlyname"] = First[caller] + " " + People[caller],
                ["team_id"] = status == "new" ? "0" : (team + 2).ToString(CultureInfo.InvariantCulture),
                ["team_name"] = status == "new" ? "" : Teams[team],
                ["agent_id"] = status == "new" ? "0" : (9 + agent).ToString(CultureInfo.InvariantCulture),
                ["agent_name"] = status == "new" ? "" : People[agent],
                ["agent_id_friendlyname"] = status == "new" ? "" : First[agent] + " " + People[agent],
                ["service_id"] = (random.Next(Services.Length) + 1).ToString(CultureInfo.InvariantCulture),
                ["service_name"] = Services[random.Next(Services.Length)],
                ["servicesubcategory_id"] = (random.Next(1, 48)).ToString(CultureInfo.InvariantCulture),
                ["servicesubcategory_name"] = Subcategories[random.Next(Subcategories.Length)],
                ["start_date"] = Date(opened),
                ["assignment_date"] = Date(assigned),
                ["resolution_date"] = Date(resolved),
                ["close_date"] = Date(closed),
                ["last_update"] = Date(closed ?? resolved ?? assigned ?? opened),
                ["last_pending_date"] = status == "pending" ? Date(assigned!.Value.AddHours(2)) : "",
                ["pending_reason"] = status == "pending" ? "En attente d'informations complémentaires de l'utilisateur." : "",
                ["resolution_code"] = resolved is null ? "" : "assistance",
                ["solution"] = resolved is null ? "" : "<p>Intervention réalisée : cache vidé, accès rétabli. Merci de confirmer le bon fonctionnement.</p>",
                ["user_satisfaction"] = closed is null ? "" : random.Next(1, 5).ToString(CultureInfo.InvariantCulture),
                ["user_comment"] = closed is null ? "" : "Parfait, merci !",
            };
            var first = true;
            foreach (var field in UserRequest.Fields)
            {
                if (!first) writer.Write(',');
                first = false;
                writer.Write('"');
                writer.Write(field);
                writer.Write("\":\"");
                WritePhpEscaped(writer, values[field]);
                writer.Write('"');
            }
            writer.Write("}}");
        }
        writer.Write("}}");
    }

    private static string Date(DateTime? value) => value?.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) ?? "";

    private static void WritePhpEscaped(TextWriter writer, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': writer.Write("\\\""); break;
                case '\\': writer.Write("\\\\"); break;
                case '/': writer.Write("\\/"); break;
                case '\n': writer.Write("\\n"); break;
                default:
                    if (c < 0x20 || c > 0x7E) writer.Write("\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else writer.Write(c);
                    break;
            }
        }
    }
}
