<?php
// Seeds the lab's iTop through its REST API, in the order that gives the objects the ids of the recordings
// (../shared/itop/recordings): organizations 2-4, teams 2-8, persons 9-35, memberships 1-16, service families 1-5,
// services 1-13, subcategories 1-47, contracts 1-3, then 60 UserRequests and Incident 61.
//
//   php seed.php reference URL MANIFEST            users, reference data (before the pristine dump)
//   php seed.php tickets URL MANIFEST BACKDATE_SQL  tickets, with the SQL that backdates what iTop dated itself
//
// Accounts come from the environment (scripts/itop-lab.sh env). Ticket dates are relative to the moment of seeding,
// in Europe/Paris wall-clock time like iTop stores them; MANIFEST (JSON) says which ticket plays which role.

declare(strict_types=1);
date_default_timezone_set('Europe/Paris');

[$self, $phase, $url] = array_slice($argv, 0, 3);
$manifestFile = $argv[3] ?? '';
$reference = json_decode(file_get_contents(__DIR__ . '/reference.json'), true, 512, JSON_THROW_ON_ERROR);
$admin = [getenv('AMIGO_ITOP_ADMIN_USER'), getenv('AMIGO_ITOP_ADMIN_PASSWORD')];
$connector = [getenv('AMIGO_ITOP_USER'), getenv('AMIGO_ITOP_PASSWORD')];
$calls = 0;
const COMMENT = 'amigo-lab seed';

function rest(array $as, array $request): array
{
    global $url, $calls;
    $calls++;
    $ch = curl_init(rtrim($url, '/') . '/webservices/rest.php?version=1.4');
    curl_setopt_array($ch, [
        CURLOPT_POST => true,
        CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 120,
        CURLOPT_POSTFIELDS => http_build_query(['auth_user' => $as[0], 'auth_pwd' => $as[1], 'json_data' => json_encode($request, JSON_UNESCAPED_UNICODE)]),
    ]);
    $body = curl_exec($ch);
    if ($body === false) throw new RuntimeException('iTop did not answer: ' . curl_error($ch));
    $answer = json_decode($body, true);
    if (!is_array($answer)) throw new RuntimeException('iTop answered no JSON: ' . substr($body, 0, 500));
    if ($answer['code'] !== 0) throw new RuntimeException("iTop refused {$request['operation']} {$request['class']}: code {$answer['code']} {$answer['message']}");
    return $answer;
}

/** Creates one object and checks it got the id the recordings show (when one is expected). */
function create(array $as, string $class, array $fields, ?int $expectedId = null): int
{
    $answer = rest($as, ['operation' => 'core/create', 'comment' => COMMENT, 'class' => $class, 'fields' => $fields, 'output_fields' => 'id']);
    $object = $answer['objects'] === null ? null : reset($answer['objects']);
    if ($object === null) throw new RuntimeException("core/create $class answered no object");
    $id = (int)$object['key'];
    if ($expectedId !== null && $id !== $expectedId) throw new RuntimeException("$class created with id $id instead of $expectedId: the database was not empty");
    return $id;
}

function update(array $as, string $class, int $id, array $fields): void
{
    $answer = rest($as, ['operation' => 'core/update', 'comment' => COMMENT, 'class' => $class, 'key' => $id, 'fields' => $fields, 'output_fields' => 'id']);
    if ($answer['objects'] === null) throw new RuntimeException("core/update $class::$id answered no object");
}

function stimulus(array $as, string $class, int $id, string $stimulus, array $fields): void
{
    $answer = rest($as, ['operation' => 'core/apply_stimulus', 'comment' => COMMENT, 'class' => $class, 'key' => $id, 'stimulus' => $stimulus, 'fields' => $fields, 'output_fields' => 'id,status']);
    if ($answer['objects'] === null) throw new RuntimeException("$stimulus on $class::$id answered no object");
}

function profiles(string ...$names): array
{
    return array_map(static fn ($n) => ['profileid' => ['name' => $n]], $names);
}

function writeJson(string $file, array $data): void
{
    file_put_contents($file, json_encode($data, JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES) . "\n");
}

// Requesters who answer after resolution write through the portal with their own account: their journal entries
// carry their full name, which is how the auto-close plugin tells them from agents.
const PORTAL_USERS = [24 => 'raphael.guerin', 33 => 'oceane.gauthier', 28 => 'jeremy.francois'];

if ($phase === 'reference') {
    $users = [];
    // The administrator (user 1) got REST Services User in SQL before this (without it REST refuses it).
    $users['admin'] = ['id' => 1, 'login' => $admin[0], 'profiles' => ['Administrator', 'REST Services User']];
    // The connector's account: recording 121 shows it as user 2, without a contact.
    $users['connector'] = ['id' => create($admin, 'UserLocal', ['login' => $connector[0], 'password' => $connector[1], 'language' => 'FR FR',
        'profile_list' => profiles('REST Services User', 'Service Desk Agent', 'Support Agent')], 2), 'login' => $connector[0],
        'profiles' => ['REST Services User', 'Service Desk Agent', 'Support Agent']];
    $users['norest'] = ['id' => create($admin, 'UserLocal', ['login' => getenv('AMIGO_ITOP_NOREST_USER'), 'password' => getenv('AMIGO_ITOP_NOREST_PASSWORD'),
        'language' => 'FR FR', 'profile_list' => profiles('Support Agent')], 3), 'login' => getenv('AMIGO_ITOP_NOREST_USER'), 'profiles' => ['Support Agent']];
    // Stock iTop lets only Administrator manage accounts (docs/plugins/arena-sso.md, rights of the bridge's account).
    $users['arena'] = ['id' => create($admin, 'UserLocal', ['login' => getenv('AMIGO_ITOP_ARENA_USER'), 'password' => getenv('AMIGO_ITOP_ARENA_PASSWORD'),
        'language' => 'FR FR', 'profile_list' => profiles('Administrator', 'REST Services User')], 4), 'login' => getenv('AMIGO_ITOP_ARENA_USER'),
        'profiles' => ['Administrator', 'REST Services User']];

    foreach ($reference['organizations'] as $o) {
        create($admin, 'Organization', array_filter(['name' => $o['name'], 'code' => $o['code'], 'parent_id' => $o['parent_id'] ?? null]), $o['id']);
    }
    foreach ($reference['teams'] as $t) {
        create($admin, 'Team', ['name' => $t['name'], 'org_id' => $t['org_id'], 'email' => $t['email'], 'phone' => $t['phone'], 'function' => $t['function']], $t['id']);
    }
    foreach ($reference['persons'] as $p) {
        create($admin, 'Person', ['name' => $p['name'], 'first_name' => $p['first_name'], 'email' => $p['email'], 'org_id' => $p['org_id'],
            'function' => $p['function'], 'phone' => $p['phone']], $p['id']);
    }
    foreach ($reference['team_members'] as $m) {
        create($admin, 'lnkPersonToTeam', ['team_id' => $m['team_id'], 'person_id' => $m['person_id']], $m['id']);
    }
    foreach ($reference['service_families'] as $f) {
        create($admin, 'ServiceFamily', ['name' => $f['name']], $f['id']);
    }
    foreach ($reference['services'] as $s) {
        create($admin, 'Service', ['name' => $s['name'], 'org_id' => $s['org_id'], 'servicefamily_id' => $s['servicefamily_id'],
            'status' => $s['status'], 'description' => $s['description']], $s['id']);
    }
    $serviceNames = array_column($reference['services'], 'name', 'id');
    foreach ($reference['service_subcategories'] as $c) {
        create($admin, 'ServiceSubcategory', ['name' => $c['name'], 'service_id' => $c['service_id'], 'request_type' => $c['request_type'],
            'status' => $c['status'], 'description' => "Sous-catégorie « {$c['name']} » du service « {$serviceNames[$c['service_id']]} »."], $c['id']);
    }
    foreach ($reference['customer_contracts'] as $c) {
        create($admin, 'CustomerContract', ['name' => $c['name'], 'org_id' => $c['org_id'], 'provider_id' => $c['provider_id'], 'status' => $c['status'],
            'start_date' => $c['start_date'], 'services_list' => array_map(static fn ($id) => ['service_id' => $id], $c['services'])], $c['id']);
    }
    $portal = [];
    foreach (PORTAL_USERS as $personId => $login) {
        $portal[$personId] = ['id' => create($admin, 'UserLocal', ['login' => $login, 'password' => 'Portal-lab-1', 'language' => 'FR FR',
            'contactid' => $personId, 'profile_list' => profiles('Portal user')]), 'login' => $login, 'person_id' => $personId];
    }
    writeJson($manifestFile, [
        'users' => $users,
        'portal_users' => array_values($portal),
        'organizations' => array_column($reference['organizations'], 'id', 'name'),
        'establishments' => array_values(array_filter($reference['organizations'], static fn ($o) => isset($o['parent_id']))),
        'teams' => array_column($reference['teams'], 'id', 'name'),
        'persons' => array_map(static fn ($p) => ['id' => $p['id'], 'friendlyname' => "{$p['first_name']} {$p['name']}", 'email' => $p['email'], 'org_id' => $p['org_id']], $reference['persons']),
        'service_families' => count($reference['service_families']),
        'services' => count($reference['services']),
        'service_subcategories' => count($reference['service_subcategories']),
        'customer_contracts' => count($reference['customer_contracts']),
        'reference_calls' => $calls,
    ]);
    fwrite(STDERR, "seed.php: reference data created with $calls REST calls\n");
    exit(0);
}

if ($phase !== 'tickets') {
    fwrite(STDERR, "usage: php seed.php reference|tickets URL MANIFEST [BACKDATE_SQL]\n");
    exit(2);
}

$backdateFile = $argv[4];
$manifest = json_decode(file_get_contents($manifestFile), true, 512, JSON_THROW_ON_ERROR);
$portalUserOf = array_column($manifest['portal_users'], 'id', 'person_id');
$now = time();
$at = static fn (float $hoursAgo): string => date('Y-m-d H:i:s', (int)round($now - $hoursAgo * 3600));
const D = 24.0; // hours in a day

$subcategories = array_column($reference['service_subcategories'], null, 'id');
$personNames = [];
foreach ($reference['persons'] as $p) $personNames[$p['id']] = "{$p['first_name']} {$p['name']}";

// Ticket plan. status path: new | assigned | pending | resolved | closed | reopened. Hours ago: created (c),
// resolved (r), closed (x), pending (p). Recorded tickets keep their recorded team, agent, caller and title.
$plan = [];
$recorded = [
    1 => 'Impossible de me connecter au webmail académique', 4 => 'Paramétrer une redirection vers ma messagerie personnelle',
    7 => "Rendez-vous en double dans l'agenda après synchronisation", 9 => "Accès à l'agenda refusé (erreur 403)",
    10 => "Création d'une liste de diffusion pour les professeurs principaux", 13 => 'Modération de la liste de diffusion des CPE',
    16 => 'Accès Tribu refusé pour une enseignante stagiaire', 22 => "Parents d'élèves ne reçoivent pas les notifications ENT",
    23 => 'Accès ENT impossible pour un nouvel agent administratif', 26 => 'Éléa : les élèves ne voient pas les activités',
    27 => 'Accès enseignant Éléa non activé', 50 => 'Clé OTP perdue – accès distant impossible',
    59 => "Accès refusé à l'application de gestion des bourses",
];
// Teams by organization, with members who may be the agent.
$orgTeams = [2 => [[2, 10], [4, 12], [6, 13]], 3 => [[5, 16], [3, 17], [7, 18]], 4 => [[8, 19], [2, 20], [8, 20]]];
$orgCallers = [2 => [21, 22, 23, 24, 25], 3 => [26, 27, 28, 29, 30], 4 => [31, 32, 33, 34, 35]];
for ($id = 1; $id <= 60; $id++) {
    $org = [2, 3, 4][$id % 3];
    [$team, $agent] = $orgTeams[$org][intdiv($id, 3) % 3];
    $sub = (($id * 7) % 47) + 1;
    $status = match (true) {
        $id <= 10 => 'new', $id <= 21 => 'assigned', $id <= 23 => 'reopened', $id <= 25 => 'assigned',
        $id <= 31 => 'pending', $id <= 45 => 'resolved', default => 'closed',
    };
    $plan[$id] = ['org' => $org, 'caller' => $orgCallers[$org][$id % 5], 'team' => $team, 'agent' => $agent, 'sub' => $sub,
        'status' => $status, 'title' => $recorded[$id] ?? null, 'c' => match ($status) {
            'new' => 2 + $id * 7, 'assigned' => 30 + $id * 9, 'reopened' => 20 * D, 'pending' => 5 * D + $id, default => 0 }];
}
// Recorded teams of some open tickets (recordings 33, 34, 125).
foreach ([11 => [5, 15], 19 => [4, 12], 20 => [5, 16], 28 => [4, 9], 29 => [5, 14]] as $id => [$team, $agent]) {
    $plan[$id]['team'] = $team; $plan[$id]['agent'] = $agent; $plan[$id]['org'] = $team === 4 ? 2 : 3;
    $plan[$id]['caller'] = $orgCallers[$plan[$id]['org']][$id % 5];
}
// Misrouted: an organization's ticket in another academy's team (reassignment), one still new with a team.
$plan[8]['org'] = 3; $plan[8]['caller'] = 27; $plan[8]['team'] = 2; $plan[8]['agent'] = 0;
$plan[15]['org'] = 3; $plan[15]['caller'] = 29; $plan[15]['team'] = 6; $plan[15]['agent'] = 13;
$plan[16]['org'] = 2; $plan[16]['caller'] = 23; $plan[16]['team'] = 7; $plan[16]['agent'] = 18;
// Resolved tickets: recorded details, resolved this many days ago (13, 14 and 15 days around the auto-close delay,
// 17 for Montpellier's 16 days, 30 days).
$resolved = [
    32 => [3, 14, 3, 26, 32, "Réservation de l'amphithéâtre pour le conseil pédagogique", 20],
    33 => [8, 19, 4, 31, 33, "Badge d'accès défectueux au rectorat", 15],
    34 => [6, 13, 2, 22, 34, "Fuite d'eau dans les sanitaires du 2e étage", 13],
    35 => [7, 18, 3, 27, 35, "Demande d'un ordinateur portable pour une enseignante en télétravail", 1],
    36 => [2, 20, 4, 32, 36, "Écran noir au démarrage du poste de l'accueil", 1],
    37 => [4, 9, 2, 23, 37, 'Installation de GeoGebra sur les postes de la salle 204', 2],
    38 => [5, 15, 3, 28, 38, 'Lenteurs importantes sur les postes du CDI', 17],
    39 => [8, 19, 4, 33, 36, "Vidéoprojecteur de la salle 12 ne s'allume plus", 5],
    40 => [2, 9, 2, 24, 40, 'Wi-Fi indisponible dans le bâtiment C', 14 + 1 / D],
    41 => [3, 14, 3, 29, 39, 'Accès Wi-Fi pour les intervenants extérieurs', 9],
    42 => [2, 20, 4, 34, 41, 'Ouverture du port 443 vers le serveur de vie scolaire', 14 + 1 / D],
    43 => [6, 13, 2, 25, 40, 'Coupures réseau répétées au collège Pierre-de-Fermat', 0.25],
    44 => [7, 18, 3, 30, 42, 'ARENA : application « Inscriptions » absente du portail', 0.5],
    45 => [8, 19, 4, 35, 43, "ARENA : erreur 500 à l'ouverture de la gestion des personnels", 30],
];
foreach ($resolved as $id => [$team, $agent, $org, $caller, $sub, $title, $days]) {
    $plan[$id] = ['org' => $org, 'caller' => $caller, 'team' => $team, 'agent' => $agent, 'sub' => $sub, 'status' => 'resolved',
        'title' => $title, 'r' => $days * D, 'c' => $days * D + 3 * D + $id % 7];
}
foreach ([46, 47, 56] as $id) { if ($id !== 46) { $plan[$id]['team'] = 5; $plan[$id]['agent'] = 16; $plan[$id]['org'] = 3; $plan[$id]['caller'] = 26 + $id % 5; } }
for ($id = 46; $id <= 60; $id++) {
    $plan[$id]['r'] = (20 + $id - 46) * D;
    $plan[$id]['x'] = $plan[$id]['r'] - ($id % 2 ? 14 * D : 3 * D);
    $plan[$id]['c'] = $plan[$id]['r'] + 4 * D;
}
foreach ([22, 23] as $id) { $plan[$id]['r'] = 6 * D; $plan[$id]['o'] = 5 * D; }
for ($id = 26; $id <= 31; $id++) $plan[$id]['p'] = 2 * D + $id;
$requesterReplies = [40 => 24, 39 => 33, 38 => 28];  // ticket => caller (who has a portal account)
$agentReplies = [42];

$sql = ["-- Backdating of the lab's tickets, seeded at " . date('Y-m-d H:i:s', $now) . ' Europe/Paris.'];
$tickets = [];
foreach ($plan as $id => $t) {
    $sub = $subcategories[$t['sub']];
    $title = $t['title'] ?? "{$sub['name']} – demande n°$id";
    if (isset($requesterReplies[$id]) && $requesterReplies[$id] !== $t['caller']) throw new LogicException("ticket $id: the replying requester must be its caller");
    $created = $at($t['c']);
    $fields = ['org_id' => $t['org'], 'caller_id' => $t['caller'], 'title' => $title,
        'description' => "<p>Demande de {$personNames[$t['caller']]} : $title.</p>", 'service_id' => $sub['service_id'], 'servicesubcategory_id' => $t['sub'],
        'origin' => 'portal', 'impact' => '2', 'urgency' => '3',
        'public_log' => ['add_item' => ['message' => "Demande enregistrée : $title", 'date' => $created, 'format' => 'text']]];
    if ($t['status'] === 'new' && $id === 8) $fields['team_id'] = $t['team'];
    $got = create($connector, 'UserRequest', $fields, $id);
    $assigned = $at($t['c'] - 1);
    $last = $created;
    $dates = ['start_date' => $created];
    if ($t['status'] !== 'new') {
        stimulus($connector, 'UserRequest', $id, 'ev_assign', ['team_id' => $t['team'], 'agent_id' => $t['agent'],
            'private_log' => ['add_item' => ['message' => 'Prise en charge par l\'équipe.', 'date' => $assigned, 'format' => 'text']]]);
        $dates['assignment_date'] = $last = $assigned;
    }
    if ($t['status'] === 'pending') {
        $pending = $at($t['p']);
        stimulus($connector, 'UserRequest', $id, 'ev_pending', ['pending_reason' => "En attente d'informations complémentaires de l'utilisateur.",
            'public_log' => ['add_item' => ['message' => "Pouvez-vous nous préciser le nom de l'établissement (RNE) ?", 'date' => $pending, 'format' => 'text']]]);
        $dates['last_pending_date'] = $last = $pending;
    }
    if (in_array($t['status'], ['resolved', 'closed', 'reopened'], true)) {
        $resolvedAt = $at($t['r']);
        stimulus($connector, 'UserRequest', $id, 'ev_resolve', ['solution' => "Intervention réalisée : {$sub['name']}. Merci de confirmer le bon fonctionnement.",
            'resolution_code' => 'assistance',
            'public_log' => ['add_item' => ['message' => "Solution proposée à l'utilisateur.", 'date' => $resolvedAt, 'format' => 'text']]]);
        $dates['resolution_date'] = $last = $resolvedAt;
    }
    if ($t['status'] === 'closed') {
        $closedAt = $at($t['x']);
        stimulus($connector, 'UserRequest', $id, 'ev_close', ['user_satisfaction' => '1', 'user_comment' => 'Merci pour votre réactivité.']);
        $dates['close_date'] = $last = $closedAt;
    }
    if ($t['status'] === 'reopened') {
        $reopened = $at($t['o']);
        stimulus($connector, 'UserRequest', $id, 'ev_reopen', ['public_log' => ['add_item' => ['message' => 'Le problème est réapparu, je rouvre la demande.', 'date' => $reopened, 'format' => 'text']]]);
        $last = $reopened;
    }
    if (isset($requesterReplies[$id])) {
        // Written by the requester's own (portal) account, a day after the resolution, as the portal would.
        $reply = $at($t['r'] - D);
        update($admin, 'UserRequest', $id, ['public_log' => ['add_item' => ['message' => 'Merci, mais le problème persiste chez moi.',
            'date' => $reply, 'format' => 'text', 'user_id' => $portalUserOf[$requesterReplies[$id]]]]]);
        $last = $reply;
    }
    if (in_array($id, $agentReplies, true)) {
        // Written by an agent's account (the administrator here), not the connector's: auto-close ignores the
        // connector's own journal entries, so a reply under its account would not be activity.
        $reply = $at($t['r'] - 2);
        update($admin, 'UserRequest', $id, ['public_log' => ['add_item' => ['message' => "N'hésitez pas à nous recontacter si besoin.", 'date' => $reply, 'format' => 'text']]]);
        $last = $reply;
    }
    $dates['last_update'] = $last;
    $sql[] = sprintf("UPDATE ticket SET start_date='%s', last_update='%s', close_date=%s WHERE id=%d;", $dates['start_date'], $last,
        isset($dates['close_date']) ? "'{$dates['close_date']}'" : 'NULL', $id);
    $sql[] = sprintf('UPDATE ticket_request SET assignment_date=%s, resolution_date=%s, last_pending_date=%s WHERE id=%d;',
        ...[...array_map(static fn ($k) => isset($dates[$k]) ? "'{$dates[$k]}'" : 'NULL', ['assignment_date', 'resolution_date', 'last_pending_date']), $id]);
    $tickets[] = ['id' => $id, 'ref' => sprintf('R-%06d', $id), 'status' => $t['status'] === 'reopened' ? 'assigned' : $t['status'],
        'org_id' => $t['org'], 'caller_id' => $t['caller'], 'team_id' => $t['status'] === 'new' && $id !== 8 ? 0 : $t['team'],
        'agent_id' => $t['status'] === 'new' ? 0 : $t['agent'], 'servicesubcategory_id' => $t['sub'], 'title' => $title] + $dates;
}

// Incident 61 (recordings 50-51): the webmail down for everyone, assigned to the TLS platform.
$created = $at(3);
create($connector, 'Incident', ['org_id' => 2, 'caller_id' => 21, 'title' => 'Webmail indisponible pour tous les personnels',
    'description' => '<p>Le webmail ne répond plus depuis ce matin.</p>', 'service_id' => 1, 'impact' => '1', 'urgency' => '1'], 61);
stimulus($connector, 'Incident', 61, 'ev_assign', ['team_id' => 4, 'agent_id' => 9]);
$sql[] = sprintf("UPDATE ticket SET start_date='%s', last_update='%s' WHERE id=61;", $created, $at(2));
$sql[] = sprintf("UPDATE ticket_incident SET assignment_date='%s' WHERE id=61;", $at(2));
file_put_contents($backdateFile, implode("\n", $sql) . "\n");

$ids = static fn (callable $f) => array_values(array_map(static fn ($t) => $t['id'], array_filter($tickets, $f)));
$manifest['seeded_at'] = date('Y-m-d H:i:s', $now);
$manifest['seeded_at_utc'] = gmdate('Y-m-d\TH:i:s\Z', $now);
$manifest['time_zone'] = 'Europe/Paris';
$manifest['tickets'] = $tickets;
$manifest['incidents'] = [['id' => 61, 'ref' => 'I-000061', 'status' => 'assigned', 'team_id' => 4, 'agent_id' => 9]];
$manifest['roles'] = [
    'new' => $ids(static fn ($t) => $t['status'] === 'new'),
    'assigned' => $ids(static fn ($t) => $t['status'] === 'assigned'),
    'pending' => $ids(static fn ($t) => $t['status'] === 'pending'),
    'resolved' => $ids(static fn ($t) => $t['status'] === 'resolved'),
    'closed' => $ids(static fn ($t) => $t['status'] === 'closed'),
    'reopened' => [22, 23],
    'resolved_13_days_ago' => [34],
    'resolved_14_days_1_hour_ago' => [40, 42],
    'resolved_15_days_ago' => [33],
    'resolved_17_days_ago_montpellier' => [38],
    'resolved_20_days_ago' => [32],
    'resolved_30_days_ago' => [45],
    'requester_replied_after_resolution' => array_keys($requesterReplies),
    'agent_replied_after_resolution' => $agentReplies,
    'misrouted' => [
        ['id' => 8, 'org_id' => 3, 'team_id' => 2, 'note' => 'Montpellier request still new, team HELPDESK (Toulouse)'],
        ['id' => 15, 'org_id' => 3, 'team_id' => 6, 'note' => 'Montpellier request assigned to Équipe support Académie de Toulouse'],
        ['id' => 16, 'org_id' => 2, 'team_id' => 7, 'note' => 'Toulouse request assigned to Équipe support Académie de Montpellier'],
    ],
];
$manifest['ticket_calls'] = $calls;
writeJson($manifestFile, $manifest);
fwrite(STDERR, "seed.php: " . count($tickets) . " requests and 1 incident created with $calls REST calls\n");
