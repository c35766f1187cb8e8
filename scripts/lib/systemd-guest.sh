# Sourced by the scripts: a QEMU guest that boots Debian 12 with systemd as PID 1, on the kernel
# and gpio-sim modules of scripts/lib/kernel-guest.sh.
#
#   systemd_rootfs ARCH PACKAGE...    Makes once, with mmdebstrap from Debian's packages, a root
#                                     filesystem of Debian 12 (minbase) with systemd, udev and
#                                     each PACKAGE, as a cpio archive, and prints its path.
#   systemd_guest ARCH ROOTFS DIR     Boots ROOTFS with DIR's files laid over it and the gpio-sim
#                                     modules in /usr/lib/modules (loaded at boot through
#                                     /etc/modules-load.d/), systemd as PID 1, and returns the
#                                     status a unit of DIR printed as "kernel-guest: exit N" on
#                                     the serial console (see kernel-guest.sh's guest_boot).
#
# The root filesystem lives in the guest's memory (the kernel unpacks the archives into its
# initial tmpfs and runs systemd there, no initrd stage): Debian's kernel has its disk drivers
# and ext4 as modules, which a disk image would need loaded first. systemd takes such a root
# as the real one (no /etc/initrd-release). The guest has no network: whatever it installs with
# apt must already be in ROOTFS.
#
# Cache: $FOBRIG_ROOTFS_CACHE (default /var/cache/fobrig-rootfs as root, else
# .cache/fobrig-rootfs in the checkout), one archive per ARCH and package list; a new list
# replaces the old archive.
systemd_guest_lib="$(realpath "${BASH_SOURCE[0]}")"
. "$(dirname "$systemd_guest_lib")/kernel-guest.sh"
. "$(dirname "$systemd_guest_lib")/qemu-binfmt.sh"

systemd_rootfs() {
    local arch="$1" cache key list work
    shift
    cache="$(guest_cache_dir fobrig-rootfs "$arch" "${FOBRIG_ROOTFS_CACHE:-}")"
    # systemd-sysv for poweroff and friends; kmod for systemd's modprobe; passwd (minbase has
    # it) for useradd.
    list="$(printf '%s\n' systemd systemd-sysv udev kmod "$@" | sort -u | paste -sd, -)"
    key="$(printf 'bookworm %s minbase %s\n' "$arch" "$list" | sha256sum | cut -c1-16)"
    mkdir -p "$cache"
    (
        exec 9>"$cache/.lock"
        flock 9
        [ -s "$cache/$key.cpio" ] && exit 0
        echo "systemd-guest: making the $arch root filesystem once (cached in $cache): $list" >&2
        install_missing mmdebstrap cpio
        # Another architecture's package scripts run through qemu-user.
        if [ "$arch" != "$(dpkg --print-architecture)" ]; then
            install_missing qemu-user-static arch-test
            qemu_aarch64_binfmt || { echo "systemd-guest: no binfmt_misc handler for $arch" >&2; exit 1; }
        fi
        work="$(mktemp -d)"
        trap 'rm -rf "$work"' EXIT
        # Man pages and translations are most of a small system and nothing here reads them.
        mmdebstrap --quiet --variant=minbase --arch="$arch" --include="$list" \
            --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
            bookworm "$work/root" \
            "deb http://deb.debian.org/debian bookworm main" \
            "deb http://deb.debian.org/debian bookworm-updates main" \
            "deb http://deb.debian.org/debian-security bookworm-security main" >&2 ||
            { echo "systemd-guest: mmdebstrap failed" >&2; exit 1; }
        # Checked here, not by errexit: a caller's $(...) does not pass errexit on.
        chmod 755 "$work/root" || exit 1
        (cd "$work/root" && find . | cpio -o -H newc -R 0:0 --quiet) > "$work/rootfs.cpio" || exit 1
        rm -f "$cache"/*.cpio
        mv "$work/rootfs.cpio" "$cache/$key.cpio"
    )
    echo "$cache/$key.cpio"
}

systemd_guest() {
    local arch="$1" rootfs="$2" dir="$3" kernel flavour work status=0
    install_missing kmod
    kernel="$(guest_kernel "$arch")"
    flavour="$(basename "$kernel")-$arch"
    work="$(mktemp -d)"
    # gpio-sim, irq_sim and configfs where modprobe finds them (depmod looks under lib/, the
    # merged /usr's /lib is a link to usr/lib that the archive must not replace).
    mkdir -p "$work/lib/modules/$flavour/extra" "$work/over"
    cp "$kernel"/*.ko "$work/lib/modules/$flavour/extra/"
    # The lists of the kernel's own modules, which the guest does not have: empty.
    touch "$work/lib/modules/$flavour/"modules.{order,builtin,builtin.modinfo}
    depmod -b "$work" "$flavour"
    cp -a "$dir/." "$work/over/"
    mkdir -p "$work/over/usr/lib" "$work/over/etc/modules-load.d"
    cp -a "$work/lib/modules" "$work/over/usr/lib/"
    echo gpio-sim > "$work/over/etc/modules-load.d/gpio-sim.conf"
    # Without ".": the archive's entry for a folder sets its mode, and this one is private.
    (cd "$work/over" && find . -mindepth 1 | cpio -o -H newc -R 0:0 --quiet) |
        cat "$rootfs" - > "$work/initrd"
    guest_boot "$arch" "$work/initrd" rdinit=/lib/systemd/systemd systemd.show_status=false || status=$?
    rm -rf "$work"
    return "$status"
}
