#!/usr/bin/env bash
# Puts the world map data used by the chart kit (src/platform/render) into data/world/:
#
#   countries-110m.json  Natural Earth 1:110m Admin 0 country shapes as TopoJSON, from the npm
#                        package world-atlas (pinned below), ids are ISO 3166-1 numeric codes
#   LICENSE              the ISC licence of world-atlas, copied from the same package
#   iso_numeric.csv      ISO 3166-1 numeric -> alpha-2 / alpha-3 / name, generated from the
#                        Debian iso-codes package (/usr/share/iso-codes/json/iso_3166-1.json)
#   README.md            provenance and licence notes
#
# The files are kept in the repository so that a build needs no network. This script documents
# how they were obtained, and is cheap and idempotent so that a build step may call it: when the
# files are present and the map has the pinned checksum it does nothing and touches no network.
#
# Usage: scripts/fetch-world-atlas.sh [--force] [OUT_DIR]   (OUT_DIR defaults to data/world)
set -euo pipefail

readonly VERSION="2.0.2"
readonly PACKAGE="world-atlas@${VERSION}"
# sha256 of countries-110m.json inside world-atlas-2.0.2.tgz (npm integrity of the tarball is
# sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==).
readonly MAP_SHA256="2516c915867c7baf18ddec727aec46c315541a07cfb3d79a6559b05d5e94eee8"
readonly ISO_JSON="/usr/share/iso-codes/json/iso_3166-1.json"

force=0
changed=0
if [ "${1:-}" = "--force" ]; then
  force=1
  shift
fi
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/data/world}"
mkdir -p "$out"

map_ok() {
  [ -f "$out/countries-110m.json" ] && [ -f "$out/LICENSE" ] &&
    [ "$(sha256sum "$out/countries-110m.json" | cut -d' ' -f1)" = "$MAP_SHA256" ]
}

# 1. The map and its licence, from the pinned npm package.
if [ "$force" = 1 ] || ! map_ok; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  (cd "$tmp" && npm pack "$PACKAGE" --silent >/dev/null)
  tar -xzf "$tmp/world-atlas-${VERSION}.tgz" -C "$tmp" package/countries-110m.json package/LICENSE
  got="$(sha256sum "$tmp/package/countries-110m.json" | cut -d' ' -f1)"
  if [ "$got" != "$MAP_SHA256" ]; then
    echo "fetch-world-atlas: checksum mismatch for countries-110m.json: $got" >&2
    exit 1
  fi
  cp "$tmp/package/countries-110m.json" "$out/countries-110m.json"
  cp "$tmp/package/LICENSE" "$out/LICENSE"
  echo "fetch-world-atlas: wrote $out/countries-110m.json and $out/LICENSE" >&2
  changed=1
fi

# 2. ISO numeric -> alpha-2, regenerated only when missing or when iso-codes is newer.
if [ -f "$ISO_JSON" ] &&
  { [ "$force" = 1 ] || [ ! -f "$out/iso_numeric.csv" ] || [ "$ISO_JSON" -nt "$out/iso_numeric.csv" ]; }; then
  python3 - "$ISO_JSON" "$out/iso_numeric.csv" <<'PY'
import csv, json, sys
src, dst = sys.argv[1], sys.argv[2]
rows = sorted(json.load(open(src, encoding="utf-8"))["3166-1"], key=lambda e: e["numeric"])
with open(dst, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["numeric", "alpha_2", "alpha_3", "name"])
    for e in rows:
        w.writerow([e["numeric"], e["alpha_2"], e["alpha_3"], e["name"]])
PY
  echo "fetch-world-atlas: wrote $out/iso_numeric.csv from $ISO_JSON" >&2
  changed=1
elif [ ! -f "$out/iso_numeric.csv" ]; then
  echo "fetch-world-atlas: $ISO_JSON not found (apt-get install iso-codes)" >&2
  exit 1
fi

# 3. Provenance note, rewritten whenever a file above was.
if [ "$changed" = 1 ] || [ ! -f "$out/README.md" ]; then
  iso_version="$(dpkg-query -W -f='${Version}' iso-codes 2>/dev/null || echo unknown)"
  cat >"$out/README.md" <<EOF
# World map data

Used by the chart kit (\`src/platform/render/world_map.h\`) to draw choropleth and point maps.
Obtained with \`scripts/fetch-world-atlas.sh\`; kept in the repository so that a build needs no
network. Run the script again with \`--force\` to refresh.

| file | what | source | licence |
|---|---|---|---|
| \`countries-110m.json\` | country shapes, TopoJSON, ids are ISO 3166-1 numeric codes | npm package \`world-atlas\` ${VERSION} (Natural Earth 4.1.0, Admin 0 countries, 1:110m), sha256 \`${MAP_SHA256}\` | the shapes are Natural Earth data, in the public domain; the packaging is under the ISC licence in \`LICENSE\` |
| \`LICENSE\` | ISC licence of world-atlas (Copyright 2013-2019 Michael Bostock) | same package | |
| \`iso_numeric.csv\` | ISO 3166-1 numeric, alpha-2, alpha-3 and English short name | generated from \`/usr/share/iso-codes/json/iso_3166-1.json\` of the Debian package \`iso-codes\` ${iso_version} | iso-codes is LGPL-2.1-or-later; the codes themselves are ISO 3166-1 |

Natural Earth: "Free vector and raster map data at naturalearthdata.com"; all versions are in
the public domain (https://www.naturalearthdata.com/about/terms-of-use/).

Three shapes in the map have no ISO numeric id (N. Cyprus, Somaliland, Kosovo): the map draws
them, but no value can be attached to them, so they are always shown as "no data".

Country boundaries and names on the map follow Natural Earth and do not imply any opinion on the
legal status of any country or territory.
EOF
  echo "fetch-world-atlas: wrote $out/README.md" >&2
fi
