<?php
// Whether iTop's console would accept UserRequests as they stand: every attribute that the ticket's current state
// flags mandatory has a value (the console will not save the form otherwise; REST does not check it).
//   php console-check.php ITOP_DIR ID [ID ...]
// Prints one JSON object: {"<id>": {"status": "...", "missing": ["agent_id", ...]}} ("missing" is empty when complete).
if ($argc < 3) {
    fwrite(STDERR, "usage: php console-check.php ITOP_DIR ID [ID ...]\n");
    exit(2);
}
require_once $argv[1].'/approot.inc.php';
require_once APPROOT.'/application/application.inc.php';
require_once APPROOT.'/application/startup.inc.php';

$result = [];
foreach (array_slice($argv, 2) as $id) {
    // No user is signed in on the command line: read with every right, as the console's administrator would.
    $ticket = MetaModel::GetObject('UserRequest', (int) $id, true, true);
    $missing = [];
    foreach (MetaModel::ListAttributeDefs('UserRequest') as $code => $definition) {
        if (($ticket->GetAttributeFlags($code) & OPT_ATT_MANDATORY) && $definition->IsNull($ticket->Get($code))) {
            $missing[] = $code;
        }
    }
    $result[$id] = ['status' => $ticket->Get('status'), 'missing' => $missing];
}
echo json_encode($result, JSON_UNESCAPED_UNICODE), "\n";
