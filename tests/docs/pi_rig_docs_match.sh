#!/bin/sh
# The docs of a shipped Pi rig say what its rig file says: every row of `fobrig pin-map RIG` is a
# row of docs/pi-rigs.md, and docs/wiring/RIG.svg is `fobrig pin-map RIG --svg` byte for byte.
#   pi_rig_docs_match.sh FOBRIG RIG_FILE DOCS_DIR
# After changing a rig: fobrig pin-map RIG --svg > docs/wiring/RIG.svg, and paste the table.
set -eu
fobrig="$1" rig="$2" docs="$3"
name="$(basename "$rig" .toml)"
"$fobrig" pin-map "$rig" | while IFS= read -r row; do
    grep -qxF -- "$row" "$docs/pi-rigs.md" || { echo "docs/pi-rigs.md lacks: $row"; exit 1; }
done
"$fobrig" pin-map "$rig" --svg | cmp - "$docs/wiring/$name.svg" ||
    { echo "docs/wiring/$name.svg is not what $rig says"; exit 1; }
