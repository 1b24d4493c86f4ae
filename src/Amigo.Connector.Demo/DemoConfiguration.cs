namespace Amigo.Connector.Demo;

/// <summary>The host configuration of the demo, in memory: the three academies on their simulations, every plugin enabled.</summary>
internal static class DemoConfiguration
{
    /// <summary>Creates a random admin API key (printed for the dashboard).</summary>
    public static string NewApiKey() => "demo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Every setting, as <c>Amigo:…</c> keys.</summary>
    public static Dictionary<string, string?> Build(DemoSimulations simulations, string connectionString, string apiKey)
    {
        var c = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Amigo:Database:ConnectionString"] = connectionString,
            ["Amigo:Database:MigrateOnStart"] = "true",
            ["Amigo:Scheduler:Enabled"] = "false",
            ["Amigo:ApiKeys:0:Name"] = "demo-admin",
            ["Amigo:ApiKeys:0:Key"] = apiKey,
            ["Amigo:ApiKeys:0:Admin"] = "true",
        };
        foreach (var (academy, simulation, _) in simulations.Academies)
        {
            var a = $"Amigo:Academies:{academy.Id}:";
            c[a + "DisplayName"] = academy.DisplayName;
            c[a + "ITop:Url"] = simulation.Url;
            c[a + "ITop:User"] = ITopSimulationOptions.Connector.Login;
            c[a + "ITop:Password"] = ITopSimulationOptions.Connector.Password;
            c[a + "ITop:TimeZone"] = "Europe/Paris";
            c[a + "ITop:Timeout"] = "00:00:30";
            c[a + "Lifecycle"] = "itop-stock";
            c[a + "FieldMap:EstablishmentUai"] = DemoDataSet.UaiAttribute;
            c[a + "FieldMap:ServiceDomain"] = DemoDataSet.DomainAttribute;
            c[a + "FieldMap:FamilyGroup"] = DemoDataSet.FamilyGroupAttribute;
            c[a + "FieldMap:VisibleBy"] = DemoDataSet.VisibleByAttribute;
            c[a + "FieldMap:Beneficiary"] = DemoDataSet.BeneficiaryAttribute;

            var p = a + "Plugins:";
            c[p + "autoclose:Enabled"] = "true";
            c[p + "autoclose:DelayDays"] = academy.AutoCloseDays.ToString(CultureInfo.InvariantCulture);

            c[p + "catalogue:Enabled"] = "true";
            c[p + "catalogue:RequireOrganization"] = "false";
            c[p + "catalogue:Synonyms:0"] = "gibii, gestion des comptes, compte académique";
            c[p + "catalogue:Synonyms:1"] = "otp, clé de sécurité";
            c[p + "catalogue:Synonyms:2"] = "examen, brevet, dnb => publinet";

            c[p + "reporting:Enabled"] = "true";

            c[p + "arena:Enabled"] = "true";
            c[p + "arena:TrustedProxies:0"] = "127.0.0.1/32";
            c[p + "arena:SharedSecret"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
            c[p + "arena:DefaultOrganizationCode"] = academy.Rectorat.Uai;
            c[p + "arena:HandoffMode"] = "Redirect";
            c[p + "arena:PortalUrl"] = simulation.Url.TrimEnd('/') + "/pages/exec.php?exec_module=itop-portal-base&exec_page=index.php&portal_id=itop-portal";

            c[p + "reassign:Enabled"] = "true";
            c[p + "reassign:AcceptUncheckedUai"] = "false";
            // The fallback caller must exist in the iTop the ticket is transferred to.
            var transferTarget = academy.Id == DemoAcademies.Toulouse.Id ? DemoAcademies.Normandie : DemoAcademies.Montpellier;
            c[p + "reassign:TransferFallbackCallerEmail"] = DemoDataSet.TransferFallbackEmail(transferTarget);
            var rules = new List<Dictionary<string, string>>();
            if (academy.Id == DemoAcademies.Toulouse.Id)
            {
                rules.Add(Rule("Établissements de Montpellier", "montpellier", DemoAcademies.MplPlatform));
                rules.Add(new Dictionary<string, string>
                {
                    ["Name"] = "Établissements de Normandie", ["StatusGroups:0"] = "Open", ["EstablishmentAcademies:0"] = "normandie",
                    ["TargetTeam"] = "HELPDESK", ["TransferToAcademy"] = DemoAcademies.Normandie.Id,
                });
            }
            else if (academy.Id == DemoAcademies.Montpellier.Id)
            {
                rules.Add(Rule("Établissements de Toulouse", "toulouse", DemoAcademies.TlsPlatform));
            }
            else
            {
                rules.Add(new Dictionary<string, string>
                {
                    ["Name"] = "Établissements de Montpellier", ["StatusGroups:0"] = "Open", ["EstablishmentAcademies:0"] = "montpellier",
                    ["TargetTeam"] = DemoAcademies.MplPlatform, ["TransferToAcademy"] = DemoAcademies.Montpellier.Id,
                });
            }
            for (var i = 0; i < rules.Count; i++)
                foreach (var (key, value) in rules[i]) c[$"{p}reassign:Rules:{i}:{key}"] = value;
        }
        return c;
    }

    private static Dictionary<string, string> Rule(string name, string establishmentAcademy, string targetTeam) => new()
    {
        ["Name"] = name,
        ["StatusGroups:0"] = "Open",
        ["EstablishmentAcademies:0"] = establishmentAcademy,
        ["TeamNotIn:0"] = targetTeam,
        ["TargetTeam"] = targetTeam,
    };
}
