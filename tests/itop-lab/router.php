<?php
// Router of the lab's `php -S`: times each request into the request log (one line per request:
// "<ISO time> <method> <uri> <status> <ms>"), then lets the built-in server run the requested script itself so that
// iTop sees the usual SCRIPT_NAME / PHP_SELF.
$amigoLabStart = microtime(true);
$amigoLabLog = getenv('AMIGO_ITOP_LAB_REQUEST_LOG');
if ($amigoLabLog !== false && $amigoLabLog !== '') {
    register_shutdown_function(static function () use ($amigoLabStart, $amigoLabLog) {
        // Credentials sent in a query string (which iTop refuses, recording 18) must not land in the log.
        $uri = preg_replace('/((?:^|[?&])(?:auth_pwd|auth_token)=)[^&]*/i', '$1***', $_SERVER['REQUEST_URI'] ?? '-');
        $uri = preg_replace('/\s+/', '+', $uri);
        $line = sprintf("%s %s %s %d %.1f\n", date('c'), $_SERVER['REQUEST_METHOD'] ?? '-', $uri,
            http_response_code() ?: 0, (microtime(true) - $amigoLabStart) * 1000);
        file_put_contents($amigoLabLog, $line, FILE_APPEND | LOCK_EX);
    });
}
return false;
