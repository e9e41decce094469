#!/usr/bin/env bash
# Refresh the desk's vendored front-end files from the npm registry (a development step: the
# package ships the files, nothing is fetched at run time). Packs each package into a temporary
# folder and copies its dist files and licence into tollwatch/web/static/vendor/.
set -euo pipefail
cd "$(dirname "$0")/.."
VENDOR=tollwatch/web/static/vendor
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
PACKAGES=(leaflet@1.9.4 leaflet.markercluster@1.5.3 topojson-client@3.1.0 world-atlas@2.0.2)
(cd "$TMP" && npm pack --silent "${PACKAGES[@]}" >/dev/null)
for tgz in "$TMP"/*.tgz; do
  name=$(basename "$tgz" .tgz)
  mkdir -p "$TMP/$name" && tar xzf "$tgz" -C "$TMP/$name"
done
rm -rf "$VENDOR" && mkdir -p "$VENDOR"/leaflet/images "$VENDOR"/markercluster "$VENDOR"/topojson "$VENDOR"/world-atlas
cp "$TMP"/leaflet-1.9.4/package/dist/{leaflet.js,leaflet.css} "$VENDOR"/leaflet/
cp "$TMP"/leaflet-1.9.4/package/dist/images/*.png "$VENDOR"/leaflet/images/
cp "$TMP"/leaflet-1.9.4/package/LICENSE "$VENDOR"/leaflet/LICENSE
cp "$TMP"/leaflet.markercluster-1.5.3/package/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} "$VENDOR"/markercluster/
cp "$TMP"/leaflet.markercluster-1.5.3/package/MIT-LICENCE.txt "$VENDOR"/markercluster/LICENSE
cp "$TMP"/topojson-client-3.1.0/package/dist/topojson-client.min.js "$VENDOR"/topojson/
cp "$TMP"/topojson-client-3.1.0/package/LICENSE "$VENDOR"/topojson/LICENSE
# Country borders: Natural Earth 1:50m (public domain) as TopoJSON, packaged by world-atlas.
cp "$TMP"/world-atlas-2.0.2/package/countries-50m.json "$VENDOR"/world-atlas/
cp "$TMP"/world-atlas-2.0.2/package/LICENSE "$VENDOR"/world-atlas/LICENSE
cat > "$VENDOR"/README.md <<'TXT'
# Vendored front-end files

Copied from the npm registry by `scripts/vendor_frontend.sh` (run it to refresh them); the
desk serves them itself: no CDN, no tile server.

| folder | package | licence |
|---|---|---|
| `leaflet/` | leaflet 1.9.4 (`dist/leaflet.js`, `leaflet.css`, marker images) | BSD-2-Clause (`leaflet/LICENSE`) |
| `markercluster/` | leaflet.markercluster 1.5.3 | MIT (`markercluster/LICENSE`) |
| `topojson/` | topojson-client 3.1.0 (`topojson-client.min.js`) | ISC (`topojson/LICENSE`) |
| `world-atlas/` | world-atlas 2.0.2 (`countries-50m.json`): Natural Earth 1:50m admin-0 countries as TopoJSON | ISC for the package; Natural Earth data is public domain (`world-atlas/LICENSE`) |
TXT
echo "vendored into $VENDOR:"
find "$VENDOR" -type f | sort
