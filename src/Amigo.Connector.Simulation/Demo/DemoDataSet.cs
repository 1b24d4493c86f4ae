namespace Amigo.Connector.Simulation.Demo;

/// <summary>
/// The rich French data set of <c>amigo demo</c>: for one academy's simulated iTop, its rectorat and establishments
/// (valid UAI codes in <c>code</c>), teams HELPDESK, PILOTES and the platform teams, agents and requesters, the catalogue
/// of the tutorials with a customer contract, and a few hundred UserRequests in every status with coherent dates —
/// plus the scenarios the connector acts on (due closings, replies after resolution, misrouted and transferable tickets).
/// Deterministic: a fixed random seed per academy and the simulation's clock as "now".
/// </summary>
public static class DemoDataSet
{
    /// <summary>UserRequest attribute holding the establishment's UAI (the academies' « Établissement concerné »).</summary>
    public const string UaiAttribute = "uai_code";

    /// <summary>UserRequest attribute « Visible par » (filled: shared with the establishment's managers, the portal's « Partagés » tab).</summary>
    public const string VisibleByAttribute = "visible_par";

    /// <summary>UserRequest attribute naming the beneficiary (the portal's « Bénéficiaire » tab).</summary>
    public const string BeneficiaryAttribute = "beneficiaire";

    /// <summary>ServiceFamily attribute naming the « Domaine de service ».</summary>
    public const string DomainAttribute = "domaine";

    /// <summary>ServiceFamily attribute naming the « Groupe de famille ».</summary>
    public const string FamilyGroupAttribute = "groupe_famille";

    /// <summary>Caller used for tickets transferred to an academy where the original caller is unknown.</summary>
    public static string TransferFallbackEmail(DemoAcademy academy) => $"assistance@{academy.MailDomain}";

    /// <summary>Seeds <paramref name="academy"/> into <paramref name="simulation"/>; <paramref name="seed"/> fixes the random choices.</summary>
    public static DemoSeedResult Seed(ITopSimulation simulation, DemoAcademy academy, int seed = 20261123)
    {
        ArgumentNullException.ThrowIfNull(simulation);
        ArgumentNullException.ThrowIfNull(academy);
        return new Seeder(simulation.Store, simulation.Clock.LocalNow, academy, new Random(seed + academy.Id.Length * 7919 + academy.Id[0])).Run();
    }

    private sealed class Seeder(ITopSimulationStore store, DateTime now, DemoAcademy academy, Random random)
    {
        private readonly Dictionary<string, long> _teams = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _organizations = new(StringComparer.Ordinal);
        private readonly Dictionary<long, List<Person>> _callersByOrg = [];
        private readonly Dictionary<long, List<Person>> _agentsByTeam = [];
        private readonly Dictionary<long, string> _statuses = [];
        private readonly List<(long Service, long Subcategory, string ServiceName, string RequestType)> _offers = [];
        private int _personIndex;

        private sealed record Person(long Id, string FullName, string Email);

        public DemoSeedResult Run()
        {
            store.AddAttribute("UserRequest", UaiAttribute);
            store.AddAttribute("UserRequest", VisibleByAttribute);
            store.AddAttribute("UserRequest", BeneficiaryAttribute);
            store.AddAttribute("ServiceFamily", DomainAttribute);
            store.AddAttribute("ServiceFamily", FamilyGroupAttribute);

            var rectorat = AddOrganization(academy.Rectorat, null);
            foreach (var establishment in academy.Establishments) AddOrganization(establishment, rectorat);
            AddTeams(rectorat);
            AddCatalogue(rectorat);

            // Establishments of the other academies, as their requesters reach this iTop by mistake.
            var foreign = DemoAcademies.All.Where(a => a.Id != academy.Id).ToList();
            var foreignOrgs = foreign.ToDictionary(a => a.Id, a => a.Establishments.Take(2).Select(e => AddOrganization(e, null)).ToList());
            var invalidUaiOrg = store.AddOrganization("Collège Jean Moulin (UAI erroné)", "0340024T");
            _organizations["0340024T"] = invalidUaiOrg;
            AddCallers(invalidUaiOrg, "Montpellier", "ac-montpellier.fr");

            var own = academy.Establishments.Select(e => _organizations[e.Uai]).ToList();
            for (var i = 0; i < academy.TicketCount; i++) AddBackgroundTicket(own);

            var due = Repeat(10, i => AddResolved(Pick(own), daysAgo: academy.AutoCloseDays + 2 + i * 3));
            var requesterReplied = Repeat(3, i => AddResolvedWithReply(Pick(own), academy.AutoCloseDays + 3 + i * 4, byRequester: true));
            var agentReplied = Repeat(2, i => AddResolvedWithReply(Pick(own), academy.AutoCloseDays + 5 + i * 6, byRequester: false));
            var recent = Repeat(6, i => AddResolved(Pick(own), daysAgo: 1 + i * (academy.AutoCloseDays - 2) / 6.0));
            if (academy.AutoCloseDays > 14)
                recent.AddRange(Repeat(2, i => AddResolved(Pick(own), daysAgo: 15 + i * 0.25))); // due under 14 days, not under this academy's 16

            var misrouted = new List<long>();
            var withAgent = new List<long>();
            var transfers = new List<long>();
            var helpdesk = _teams["HELPDESK"];
            if (academy.PlatformTeam is not null)
            {
                // Occitanie: Toulouse and Montpellier requesters land in each other's HELPDESK.
                var neighbour = foreign.Single(a => a.PlatformTeam is not null);
                foreach (var org in foreignOrgs[neighbour.Id])
                {
                    misrouted.AddRange(Repeat(3, i => AddMisrouted(org, helpdesk, agent: false, hoursAgo: 2 + i * 5)));
                    withAgent.Add(AddMisrouted(org, helpdesk, agent: true, hoursAgo: 30));
                }
            }
            var invalid = new List<long> { AddMisrouted(invalidUaiOrg, helpdesk, agent: false, hoursAgo: 6) };
            if (academy.Id == DemoAcademies.Toulouse.Id)
                transfers.AddRange(foreignOrgs[DemoAcademies.Normandie.Id].Take(1).SelectMany(org => Repeat(2, i => AddMisrouted(org, helpdesk, agent: false, hoursAgo: 3 + i * 20))));

            return new DemoSeedResult
            {
                Academy = academy, Teams = _teams, Organizations = _organizations, SeededStatuses = _statuses,
                DueForClosing = due, RequesterReplied = requesterReplied, AgentReplied = agentReplied, RecentlyResolved = recent,
                Misrouted = misrouted, MisroutedWithAgent = withAgent, InvalidUai = invalid, ToTransfer = transfers,
            };
        }

        private long AddOrganization(DemoEstablishment establishment, long? parent)
        {
            var id = store.AddOrganization(establishment.Name, establishment.Uai, parent);
            _organizations[establishment.Uai] = id;
            var domain = DemoAcademies.All.First(a => a.Rectorat == establishment || a.Establishments.Contains(establishment)).MailDomain;
            AddCallers(id, establishment.City, domain);
            return id;
        }

        private void AddCallers(long orgId, string city, string domain)
        {
            var people = new List<Person>();
            foreach (var function in new[] { "Professeur·e", "Secrétaire de direction", "Chef·fe d'établissement" })
                people.Add(AddPerson(orgId, domain, function));
            _callersByOrg[orgId] = people;
        }

        private Person AddPerson(long orgId, string domain, string function)
        {
            var (first, last) = DemoNames.At(_personIndex++ + academy.Id.Length * 11);
            var email = $"{DemoNames.Ascii(first)}.{DemoNames.Ascii(last)}{_personIndex}@{domain}";
            return new Person(store.AddPerson(orgId, first, last, email, function), $"{first} {last}", email);
        }

        private void AddTeams(long rectorat)
        {
            var teams = new List<(string Name, string Function)>
            {
                ("HELPDESK", "Accueil et premier niveau"),
                ("PILOTES", "Pilotes des applications académiques"),
            };
            if (academy.PlatformTeam is not null)
            {
                // Both Occitanie platforms exist in both iTops (the Montpellier agent guide lists them side by side).
                teams.Add((DemoAcademies.TlsPlatform, "Plateforme d'assistance de la DSI - Toulouse"));
                teams.Add((DemoAcademies.MplPlatform, "Plateforme d'assistance de la DSI - Montpellier"));
            }
            foreach (var (name, function) in teams)
            {
                var agents = Enumerable.Range(0, 3).Select(_ => AddPerson(rectorat, academy.MailDomain, "Technicien·ne d'assistance")).ToList();
                var slug = DemoNames.Ascii(name).Replace(' ', '-');
                _teams[name] = store.AddTeam(rectorat, name, $"{slug}@{academy.MailDomain}", agents.Select(a => a.Id), function);
                _agentsByTeam[_teams[name]] = agents;
            }
            // The fallback caller of transfers into this academy.
            var fallback = store.AddPerson(rectorat, "Plateforme", "Assistance", TransferFallbackEmail(academy), "Boîte fonctionnelle");
            _callersByOrg[rectorat].Add(new Person(fallback, "Plateforme Assistance", TransferFallbackEmail(academy)));
        }

        private void AddCatalogue(long rectorat)
        {
            var families = new Dictionary<string, long>(StringComparer.Ordinal);
            var services = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var row in DemoCatalogue.Rows)
            {
                if (!families.TryGetValue(row.Family, out var family))
                    families[row.Family] = family = store.AddObject("ServiceFamily", new Dictionary<string, string>
                    {
                        ["name"] = row.Family, [DomainAttribute] = row.Domain, [FamilyGroupAttribute] = row.FamilyGroup,
                    });
                if (!services.TryGetValue(row.Service, out var service))
                    services[row.Service] = service = store.AddService(rectorat, row.Service, family, $"Service « {row.Service} » du catalogue de l'{academy.DisplayName.ToLowerInvariant()}.");
                var subcategory = store.AddServiceSubcategory(service, row.Subcategory, row.RequestType, description: $"{row.Service} - {row.Subcategory}");
                _offers.Add((service, subcategory, row.Service, row.RequestType));
            }
            store.AddCustomerContract(rectorat, $"Contrat de services numériques - {academy.DisplayName}", services.Values, rectorat, new DateTime(2024, 9, 1));
        }

        private void AddBackgroundTicket(IReadOnlyList<long> orgs)
        {
            var roll = random.NextDouble();
            var status = roll switch
            {
                < 0.12 => "new",
                < 0.30 => "assigned",
                < 0.38 => "pending",
                < 0.41 => "waiting_for_approval",
                < 0.44 => "escalated_ttr",
                < 0.52 => "resolved",
                < 0.97 => "closed",
                _ => "rejected",
            };
            var open = status is "new" or "assigned" or "pending" or "waiting_for_approval" or "escalated_ttr";
            // Background resolutions stay within the delay, so the scenarios below are the only due ones.
            var start = now.AddMinutes(-random.Next(30, 60 * 24 * (open ? 35 : status == "resolved" ? Math.Max(2, academy.AutoCloseDays - 3) : 150)));
            if (status == "resolved" && (now - start).TotalDays > academy.AutoCloseDays - 2) start = now.AddDays(-(academy.AutoCloseDays - 2));
            Add(orgs[random.Next(orgs.Count)], status, start, teamName: PickTeam());
        }

        private string PickTeam() => random.Next(10) switch
        {
            < 5 => "HELPDESK",
            < 7 => "PILOTES",
            _ => academy.PlatformTeam ?? "HELPDESK",
        };

        private long AddResolved(long org, double daysAgo)
        {
            var resolution = now.AddDays(-daysAgo).AddMinutes(-random.Next(0, 300));
            return Add(org, "resolved", resolution.AddHours(-random.Next(4, 96)), "HELPDESK", resolution);
        }

        private long AddResolvedWithReply(long org, double daysAgo, bool byRequester)
        {
            var id = AddResolved(org, daysAgo);
            var resolution = DateTime.Parse(store.GetField("UserRequest", id, "resolution_date")!, System.Globalization.CultureInfo.InvariantCulture);
            if (byRequester)
            {
                var caller = store.GetField("UserRequest", id, "caller_id_friendlyname")!;
                store.AppendCaseLog(id, "public_log", "Bonjour, le problème est revenu ce matin : je ne peux toujours pas me connecter. Merci de rouvrir la demande.",
                    resolution.AddDays(2), caller, "900");
            }
            else
            {
                var agent = _agentsByTeam[_teams["HELPDESK"]][0];
                store.AppendCaseLog(id, "public_log", "Nous attendons votre confirmation que la solution fonctionne avant de clôturer.",
                    resolution.AddDays(1), agent.FullName, "901");
            }
            return id;
        }

        private long AddMisrouted(long org, long team, bool agent, double hoursAgo)
        {
            var start = now.AddHours(-hoursAgo);
            var teamName = _teams.First(t => t.Value == team).Key;
            return Add(org, agent ? "assigned" : "new", start, teamName, withAgent: agent);
        }

        private long Add(long org, string status, DateTime start, string teamName, DateTime? resolution = null, bool? withAgent = null)
        {
            var (service, subcategory, serviceName, requestType) = _offers[random.Next(_offers.Count)];
            var callers = _callersByOrg[org];
            var caller = callers[random.Next(callers.Count)];
            var team = _teams[teamName];
            var agents = _agentsByTeam[team];
            var agent = agents[random.Next(agents.Count)];
            var hasAgent = withAgent ?? status is not ("new" or "waiting_for_approval");
            var assigned = status == "new" ? (DateTime?)null : start.AddMinutes(random.Next(10, 600));
            var resolved = resolution ?? (status is "resolved" or "closed" ? assigned!.Value.AddHours(random.Next(1, 120)) : null);
            if (resolved > now) resolved = now.AddMinutes(-random.Next(5, 120));
            if (assigned > now) assigned = now.AddMinutes(-1);
            var closed = status == "closed" ? resolved!.Value.AddDays(random.Next(0, 14)).AddHours(random.Next(1, 8)) : (DateTime?)null;
            if (closed > now) closed = now.AddMinutes(-random.Next(1, 60));
            if (status == "rejected") closed = assigned;
            var pending = status == "pending" ? assigned!.Value.AddHours(random.Next(1, 24)) : (DateTime?)null;
            if (pending > now) pending = now.AddMinutes(-1);
            var uai = _organizations.FirstOrDefault(o => o.Value == org).Key ?? "";
            var title = DemoNames.Title(serviceName, random);
            var id = store.AddUserRequest(new ITopSimTicket
            {
                OrgId = org, CallerId = caller.Id, Title = title,
                Description = $"<p>Bonjour,</p><p>{System.Net.WebUtility.HtmlEncode(title)}. Merci de votre aide.</p><p>{System.Net.WebUtility.HtmlEncode(caller.FullName)}</p>",
                Status = status, TeamId = team, AgentId = hasAgent ? agent.Id : null, ServiceId = service, ServiceSubcategoryId = subcategory,
                StartDate = start, AssignmentDate = assigned, ResolutionDate = resolved, CloseDate = closed, LastPendingDate = pending,
                PendingReason = status == "pending" ? "En attente d'un retour du demandeur" : null,
                Solution = resolved is null ? null : "<p>Le problème a été corrigé : merci de vérifier de votre côté.</p>",
                RequestType = requestType, Urgency = random.Next(2, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Impact = random.Next(2, 4).ToString(System.Globalization.CultureInfo.InvariantCulture),
                Origin = random.Next(3) switch { 0 => "mail", 1 => "phone", _ => "portal" },
                Extra = new Dictionary<string, string>
                {
                    [UaiAttribute] = uai,
                    [VisibleByAttribute] = random.Next(5) == 0 ? "Responsables" : "",
                    [BeneficiaryAttribute] = random.Next(7) == 0 ? callers[(callers.IndexOf(caller) + 1) % callers.Count].FullName : "",
                },
            });
            store.AppendCaseLog(id, "public_log", "Demande créée depuis le portail.", start, caller.FullName, "900");
            if (assigned is { } at && hasAgent)
                store.AppendCaseLog(id, "private_log", $"Prise en charge par {agent.FullName}.", at, agent.FullName, "901");
            _statuses[id] = status;
            return id;
        }

        private long Pick(IReadOnlyList<long> orgs) => orgs[random.Next(orgs.Count)];

        private static List<long> Repeat(int count, Func<int, long> add) => Enumerable.Range(0, count).Select(add).ToList();
    }
}
