#!/usr/bin/env bash
# Checks the deployment files as far as a machine without a Docker engine can:
#   - docker/compose.yaml parses and declares the postgres, amigo and amigo-demo services;
#   - the Dockerfile's build step (dotnet publish of the host + the plugins folder) succeeds and yields an image
#     layout with /app/amigo and one folder per plugin.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if python3 -c 'import yaml' 2>/dev/null; then
    python3 - <<'PY'
import yaml
compose = yaml.safe_load(open("docker/compose.yaml"))
missing = {"postgres", "amigo", "amigo-demo"} - set(compose["services"])
assert not missing, f"compose.yaml lacks services {missing}"
assert "healthcheck" in compose["services"]["postgres"], "postgres has no health check"
print("check-deployment: docker/compose.yaml parses; services:", ", ".join(sorted(compose["services"])))
PY
else
    echo "check-deployment: python3 yaml module not available, compose.yaml not parsed" >&2
fi

out="$(mktemp -d "${TMPDIR:-/tmp}/amigo-publish.XXXXXX")"
artifacts="${AMIGO_ARTIFACTS:-$PWD/artifacts}"
dotnet publish src/Amigo.Connector.Host/Amigo.Connector.Host.csproj -c Release -o "$out/app" --nologo -v quiet >/dev/null
mkdir -p "$out/app/plugins" && cp -r "$artifacts/plugins/." "$out/app/plugins/"
[[ -x "$out/app/amigo" ]] || { echo "check-deployment: publish produced no amigo executable" >&2; exit 1; }
for plugin in ArenaSso AutoClose CatalogueSearch Reassignment Reporting Retention; do
    [[ -f "$out/app/plugins/Amigo.Plugins.$plugin/Amigo.Plugins.$plugin.dll" ]] || { echo "check-deployment: plugin $plugin missing from the image layout" >&2; exit 1; }
done
"$out/app/amigo" probe "http://127.0.0.1:9/health" 2>/dev/null && { echo "check-deployment: probe of a closed port succeeded" >&2; exit 1; }
echo "check-deployment: dotnet publish of the host succeeded; image layout has amigo and 6 plugins"
rm -rf "$out"
