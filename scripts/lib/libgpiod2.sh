# Sourced by the scripts: libgpiod2_prefix prints a directory holding libgpiod 2 (the C and C++
# libraries, headers and pkg-config files, under usr/) from Debian 12's bookworm-backports, for
# building the gpiod backend on the v2 API. The .debs are unpacked there, never installed: the
# system keeps libgpiod 1.6's -dev package, which the other builds use. Made once and cached in
# $FOBRIG_GPIOD2_CACHE (default /var/cache/fobrig-gpiod2 as root, else .cache/fobrig-gpiod2 in
# the checkout), and made again only when this file changes; from the cache it uses no network.
libgpiod2_lib="$(realpath "${BASH_SOURCE[0]}")"

# A subshell: its options, lock, trap and variables end with it. Its own set -e, for command
# substitution clears the caller's.
libgpiod2_prefix() (
    set -euo pipefail
    if [ -n "${FOBRIG_GPIOD2_CACHE:-}" ]; then
        cache="$FOBRIG_GPIOD2_CACHE"
    elif [ "$(id -u)" -eq 0 ]; then
        cache=/var/cache/fobrig-gpiod2
    else
        cache="$(dirname "$libgpiod2_lib")/../../.cache/fobrig-gpiod2"
    fi
    mkdir -p "$cache"
    cache="$(realpath "$cache")"
    prefix="$cache/prefix"
    stamp="$(sha256sum < "$libgpiod2_lib" | cut -c1-16)"
    exec 8>"$cache/lock"
    flock 8
    if [ "$(cat "$prefix/.stamp" 2>/dev/null)" != "$stamp" ]; then
        echo "libgpiod2: unpacking libgpiod 2 from bookworm-backports into $prefix" >&2
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        export DEBIAN_FRONTEND=noninteractive
        libgpiod2_add_backports "$sudo"
        work="$(mktemp -d)"
        trap 'rm -rf "$work"' EXIT
        # -dev has the headers, .pc files and .so links; libgpiod3 both libraries (C and C++).
        # As root, apt would warn that its _apt user cannot write to $work, then download as root.
        download() {
            (cd "$work" && apt-get download -q -o APT::Sandbox::User=root \
                libgpiod-dev/bookworm-backports libgpiod3/bookworm-backports >&2)
        }
        # Package lists missing (a new source) or out of date (the .debs superseded): update.
        download 2>/dev/null || { $sudo apt-get update -q >&2 && download; }
        rm -rf "$prefix.new"
        for deb in "$work"/*.deb; do
            dpkg-deb -x "$deb" "$prefix.new"
        done
        rm -rf "$prefix.new/usr/share"
        # The .pc files say prefix=/usr; every other path in them follows prefix.
        sed -i "s|^prefix=.*|prefix=$prefix/usr|" "$prefix.new"/usr/lib/*/pkgconfig/*.pc
        echo "$stamp" > "$prefix.new/.stamp"
        rm -rf "$prefix"
        mv "$prefix.new" "$prefix"
    fi
    echo "$prefix"
)

# Adds bookworm-backports to apt's sources when it is not there: a copy of the entry apt has
# for Debian 12's main (its mirror, its signing key) with the suite changed. Backports is
# NotAutomatic: nothing installed is upgraded from it unless asked for by name. $1: sudo or "".
libgpiod2_add_backports() {
    local sudo="$1" entry file n
    apt-get indextargets --format '$(RELEASE) $(COMPONENT)' | grep -qx 'bookworm-backports main' &&
        return 0
    entry="$(apt-get indextargets --format '$(RELEASE) $(COMPONENT) $(TARGET_OF) $(SOURCESENTRY)' |
        awk '$1 == "bookworm" && $2 == "main" && $3 == "deb" { print $4; exit }')"
    if [ -z "$entry" ]; then
        echo "libgpiod2: apt has no source for Debian 12 (bookworm) main" >&2
        return 1
    fi
    file="${entry%:*}" n="${entry##*:}"
    echo "libgpiod2: adding bookworm-backports to apt's sources, from $entry" >&2
    case "$file" in
        # deb822: the entry is the file's nth stanza.
        *.sources)
            grep -v '^[[:space:]]*#' "$file" | awk -v RS= -v n="$n" 'NR == n' |
                sed -E 's/^Types:.*/Types: deb/I; s/^Suites:.*/Suites: bookworm-backports/I' |
                $sudo tee /etc/apt/sources.list.d/fobrig-backports.sources >/dev/null ;;
        # One-line format: the entry is the file's nth line, "deb [options] URI bookworm ...".
        *)
            sed -En "${n}s/^(\s*deb\s+(\[[^]]*\]\s+)?\S+\s+)bookworm\s/\1bookworm-backports /p" \
                "$file" | $sudo tee /etc/apt/sources.list.d/fobrig-backports.list >/dev/null ;;
    esac
}
