<?php
// Sets the lab's iTop configuration after the unattended install: Europe/Paris, French, and the external (header)
// login the ARENA bridge's reverse proxy uses next to form and basic logins. Edits the settings array in place so
// the rest of what the setup wrote stays as it is.
[$self, $file, $url] = $argv;
$text = file_get_contents($file);
$settings = [
    'timezone' => "'Europe/Paris'",
    'allowed_login_types' => "'form|external|basic'",
    'ext_auth_variable' => "'\$_SERVER[\\'HTTP_X_REMOTE_USER\\']'",
    'default_language' => "'FR FR'",
    'app_root_url' => var_export($url, true),
];
foreach ($settings as $name => $value) {
    $pattern = "/^(\s*)'" . preg_quote($name, '/') . "'\s*=>\s*.*?,\s*$/m";
    $line = "\$1'$name' => " . str_replace(['\\', '$'], ['\\\\', '\\$'], $value) . ',';
    if (preg_match($pattern, $text)) {
        $text = preg_replace($pattern, $line, $text, 1);
    } else {
        $text = preg_replace('/(\$MySettings\s*=\s*array\s*\()/', "\$1\n\t'$name' => " . str_replace(['\\', '$'], ['\\\\', '\\$'], $value) . ',', $text, 1);
    }
}
@chmod($file, 0644);
file_put_contents($file, $text);
// The result must still be valid PHP that iTop can include.
$MySettings = null;
include $file;
if (!is_array($MySettings) || $MySettings['allowed_login_types'] !== 'form|external|basic' || $MySettings['ext_auth_variable'] !== "\$_SERVER['HTTP_X_REMOTE_USER']") {
    fwrite(STDERR, "configure.php: the configuration did not take\n");
    exit(1);
}
