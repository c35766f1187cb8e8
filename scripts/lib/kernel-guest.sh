# Sourced by the scripts: QEMU guests that boot Debian 12's own kernel with gpio-sim, which
# Debian builds out, built out of tree from its linux-source (irq_sim too).
#
#   guest_kernel ARCH                 ARCH: amd64 or arm64. Makes the kernel, its modules
#                                     (configfs, irq_sim, gpio-sim) and a static busybox for
#                                     ARCH once, and prints their directory.
#   guest_run ARCH SCRIPT FILE...     Boots that kernel on an initramfs holding each FILE at its
#                                     own absolute path (a directory whole; an ELF program with
#                                     the libraries it loads), runs SCRIPT there with busybox sh,
#                                     with FOBRIG_REQUIRE_GPIO_SIM=1 and gpio-sim loaded, prints
#                                     the guest's console from then on, and returns SCRIPT's exit
#                                     status (1 if the guest never said).
#   guest_boot ARCH INITRD [ARG...]   Boots that kernel on INITRD, a guest of the caller's making
#                                     (scripts/lib/systemd-guest.sh's, with systemd as PID 1),
#                                     with the kernel arguments ARG; its console from a line
#                                     "kernel-guest: running" on is printed, and a line
#                                     "kernel-guest: exit N" gives the status returned.
#
# The guest: busybox's applets in /bin, /proc, /sys, /dev with /dev/shm, configfs on
# /sys/kernel/config, a writable /tmp (the working folder), stdin /dev/null, 2 CPUs, 2 GiB, no
# network; it is stopped after $FOBRIG_GUEST_TIMEOUT seconds (default 900).
#
# amd64 packages come from this machine's apt, arm64 ones from scripts/cross-build's resolver
# (nothing is installed for arm64). An arm64 program's libraries come from the sysroot it was
# built against: FOBRIG_SYSROOT (as in build-arm64/CMakeCache.txt). The host is amd64; an
# amd64 guest uses KVM when it works here, otherwise (and for arm64 always) QEMU emulates.
# Cache: $FOBRIG_KERNEL_CACHE (default /var/cache/fobrig-kernel as root, else
# .cache/fobrig-kernel in the checkout), one folder per ARCH.
kernel_guest_lib="$(realpath "${BASH_SOURCE[0]}")"
kernel_guest_root="$(realpath "$(dirname "$kernel_guest_lib")/../..")"
. "$kernel_guest_root/scripts/lib/install-missing.sh"

# Each runs this file as a program of its own: set -e holds there even when the caller tests the
# status (if guest_run ...; cmd || ...), where bash would ignore it in a function or subshell.
guest_kernel() { "$BASH" "$kernel_guest_lib" guest_kernel_ "$@"; }
guest_run() { "$BASH" "$kernel_guest_lib" guest_run_ "$@"; }
guest_boot() { "$BASH" "$kernel_guest_lib" guest_boot_ "$@"; }

# A cache's folder for ARCH: OVERRIDE/ARCH when OVERRIDE is set, else /var/cache/NAME/ARCH as
# root, else .cache/NAME/ARCH in the checkout.
guest_cache_dir() {
    local name="$1" arch="$2" override="$3"
    if [ -n "$override" ]; then
        echo "$override/$arch"
    elif [ "$(id -u)" -eq 0 ]; then
        echo "/var/cache/$name/$arch"
    else
        echo "$kernel_guest_root/.cache/$name/$arch"
    fi
}

# Everything that differs between the guest architectures.
guest_arch_() {
    case "$1" in
        amd64)
            qemu=(qemu-system-x86_64)
            console=ttyS0
            cross=""
            qemu_user=""
            tools=(qemu-system-x86 gcc-12) ;;
        arm64)
            # cortex-a72: -cpu max would emulate pointer authentication, slowly.
            qemu=(qemu-system-aarch64 -M virt -cpu cortex-a72)
            console=ttyAMA0
            cross=aarch64-linux-gnu-
            qemu_user="qemu-aarch64-static"
            tools=(qemu-system-arm gcc-12-aarch64-linux-gnu qemu-user-static) ;;
        *) echo "kernel-guest: no such guest architecture: $1 (amd64, arm64)" >&2; return 2 ;;
    esac
    arch="$1"
    host_arch="$(dpkg --print-architecture)"
    cache="$(guest_cache_dir fobrig-kernel "$arch" "${FOBRIG_KERNEL_CACHE:-}")"
    install_missing "${tools[@]}" make xz-utils cpio
}

# Downloads Debian packages of ARCH into DIR: this machine's apt for its own architecture,
# scripts/cross-build's resolver (from the same mirror, checked the same way) for arm64.
guest_debs_() {
    local arch="$1" dir="$2"
    shift 2
    if [ "$arch" = "$host_arch" ]; then
        # As root apt downloads as root anyway: into a folder _apt may not write.
        (cd "$dir" && apt-get download -q -o APT::Sandbox::User=root "$@" >&2)
    else
        "$kernel_guest_root/scripts/cross-build" --debs "$dir" "$@" >/dev/null
    fi
}

# gpio-sim and its irq_sim, from the kernel's own source, built against its headers. irq_sim
# is built into kernels that select it; as a module it needs a licence, and irq_to_desc is not
# exported, so it hands its interrupts on by number instead (the same handler runs). The
# headers (ARCH's, the common ones) and kbuild's host programs (this machine's) are unpacked in
# WORK, not installed. Sets abi.
guest_build_kernel_() {
    local work="$1" out="$2" flavour version series hdr deb
    guest_debs_ "$arch" "$work" "linux-image-$arch"
    abi="$(dpkg-deb -f "$work"/linux-image-"$arch"_*.deb Depends |
        sed -n "s/^linux-image-\(.*\)-$arch (.*/\1/p")"
    [ -n "$abi" ] || { echo "kernel-guest: linux-image-$arch names no kernel" >&2; return 1; }
    flavour="$abi-$arch"
    guest_debs_ "$arch" "$work" "linux-image-$flavour-unsigned" "linux-headers-$flavour" busybox-static
    version="$(dpkg-deb -f "$work"/linux-headers-"$flavour"_*.deb Version)"
    series="$(dpkg-deb -f "$work"/linux-headers-"$flavour"_*.deb Depends |
        grep -o 'linux-kbuild-[0-9.]*' | sed 's/linux-kbuild-//')"
    guest_debs_ "$host_arch" "$work" "linux-headers-$abi-common=$version" \
        "linux-kbuild-$series=$version" "linux-source-$series=$version"
    for deb in "$work"/*.deb; do
        case "$deb" in */linux-source-*) ;; *) dpkg-deb -x "$deb" "$work/root" ;; esac
    done
    hdr="$work/root/usr/src/linux-headers-$flavour"
    # It includes the common headers by their installed path.
    sed -i "s|^include /usr/src/|include $work/root/usr/src/|" "$hdr/Makefile"

    mkdir -p "$work/mod"
    dpkg-deb --fsys-tarfile "$work"/linux-source-"$series"_*.deb |
        tar -xO "./usr/src/linux-source-$series.tar.xz" | xz -dc |
        tar -x -C "$work/mod" --strip-components=3 "linux-source-$series/drivers/gpio/gpio-sim.c" \
            "linux-source-$series/drivers/gpio/gpiolib.h" "linux-source-$series/kernel/irq/irq_sim.c"
    sed -i 's/handle_simple_irq(irq_to_desc(irqnum))/generic_handle_irq(irqnum)/' "$work/mod/irq_sim.c"
    grep -q 'generic_handle_irq(irqnum)' "$work/mod/irq_sim.c" ||
        { echo "kernel-guest: irq_sim.c changed: patch it anew" >&2; return 1; }
    printf '#include <linux/module.h>\nMODULE_LICENSE("GPL");\n' >> "$work/mod/irq_sim.c"
    echo 'obj-m := irq_sim.o gpio-sim.o' > "$work/mod/Kbuild"
    make -s -C "$hdr" M="$work/mod" CROSS_COMPILE="$cross" -j2 modules >"$work/make.log" 2>&1 ||
        { cat "$work/make.log" >&2; return 1; }

    mkdir -p "$out"
    cp "$work/root/boot/vmlinuz-$flavour" "$out/vmlinuz"
    cp "$work/root/lib/modules/$flavour/kernel/fs/configfs/configfs.ko" \
        "$work/mod/irq_sim.ko" "$work/mod/gpio-sim.ko" "$work/root/bin/busybox" "$out/"
}

guest_kernel_() {
    guest_arch_ "$1"
    mkdir -p "$cache"
    exec 9>"$cache/.lock"
    flock 9
    if [ ! -s "$cache/abi" ] || [ ! -s "$cache/$(cat "$cache/abi")/gpio-sim.ko" ]; then
        echo "kernel-guest: making the $arch kernel's modules once (cached in $cache)" >&2
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        export DEBIAN_FRONTEND=noninteractive
        $sudo apt-get update -q >&2
        work="$(mktemp -d)"
        trap 'rm -rf "$work"' EXIT
        guest_build_kernel_ "$work" "$work/out"
        rm -rf "${cache:?}/$abi"
        mv "$work/out" "$cache/$abi"
        echo "$abi" > "$cache/abi"
    fi
    echo "$cache/$(cat "$cache/abi")"
}

# Whether KVM runs this kernel here: /dev/kvm may be there and still not run a stock kernel
# (a nested hypervisor that only runs guests made for it). A small guest must reach its init
# within seconds; the answer holds until this machine reboots.
guest_kvm_works_() {
    local kernel="$1" work="$2" boot answer
    [ "$arch" = "$host_arch" ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] || return 1
    boot="$(cat /proc/sys/kernel/random/boot_id)"
    answer="$(sed -n "s/^$boot //p" "$cache/kvm" 2>/dev/null)"
    if [ -z "$answer" ]; then
        mkdir -p "$work/probe/bin"
        cp "$kernel/busybox" "$work/probe/bin/"
        printf '#!/bin/busybox sh\necho kvm-probe-ok\n/bin/busybox poweroff -f\n' > "$work/probe/init"
        chmod +x "$work/probe/init"
        (cd "$work/probe" && find . | cpio -o -H newc --quiet) > "$work/probe.cpio"
        timeout 10 "${qemu[@]}" -accel kvm -m 256 -nographic -no-reboot -nic none \
            -kernel "$kernel/vmlinuz" -initrd "$work/probe.cpio" \
            -append "console=$console quiet panic=-1" </dev/null > "$work/probe.log" 2>&1 || true
        answer=no
        grep -aq kvm-probe-ok "$work/probe.log" && answer=yes
        echo "$boot $answer" > "$cache/kvm"
    fi
    [ "$answer" = yes ]
}

# Prints the absolute paths of the shared libraries an ELF program loads (its loader too), as
# its own loader resolves them in the guest's root $libroot, run by ${runner[@]} (qemu-user
# for another architecture); nothing for a static one.
guest_libs_() {
    local file="$1" interp
    interp="$(readelf -l "$file" | sed -n 's/.*\[Requesting program interpreter: \(.*\)\]/\1/p')"
    [ -n "$interp" ] || return 0
    env -u LD_LIBRARY_PATH "${runner[@]}" "$libroot$interp" --list "$file" > "$work/ldd" ||
        { cat "$work/ldd" >&2; return 1; }
    if grep 'not found' "$work/ldd" >&2; then
        echo "kernel-guest: $file: libraries missing" >&2
        return 1
    fi
    # The loader's own line names the file it ran: under qemu-user, the one in $libroot.
    echo "$interp"
    sed -n 's|^\s*[^/[:space:]][^ ]* => \(/[^ ]*\) .*|\1|p' "$work/ldd"
}

guest_run_() {
    guest_arch_ "$1"
    script="$2"
    shift 2
    kernel="$(guest_kernel_ "$arch")"
    libroot=""
    runner=()
    if [ "$arch" != "$host_arch" ]; then
        libroot="${FOBRIG_SYSROOT:?the $arch sysroot the programs were built against}"
        runner=("$qemu_user" -L "$libroot")
    fi
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    dir="$work/root"

    mkdir -p "$dir"/{bin,dev,proc,sys,tmp,modules}
    cp "$kernel/busybox" "$dir/bin/"
    cp "$kernel"/*.ko "$dir/modules/"
    printf '%s\n' "$script" > "$dir/script"
    touch "$work/libs"
    for file in "$@"; do
        file="$(realpath "$file")"
        # From /: coreutils 9.1's cp -a --parents fails on an absolute source.
        (cd / && cp -a --parents "${file#/}" "$dir")
        [ -f "$file" ] && [ "$(head -c 4 "$file")" = $'\177ELF' ] || continue
        guest_libs_ "$file" >> "$work/libs"
    done
    # Each library at the path its program's loader found it; the folders also on
    # LD_LIBRARY_PATH, for the ones it found through this machine's ld.so.cache.
    libpath=""
    while read -r lib; do
        mkdir -p "$dir$(dirname "$lib")"
        cp -L "$libroot$lib" "$dir$lib"
        case ":$libpath:" in *":$(dirname "$lib"):"*) ;; *) libpath="$libpath${libpath:+:}$(dirname "$lib")" ;; esac
    done < <(sort -u "$work/libs")

    cat > "$dir/init" <<INIT
#!/bin/busybox sh
set -e
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir /dev/shm
mount -t tmpfs shm /dev/shm
chmod 1777 /tmp
for m in configfs irq_sim gpio-sim; do insmod /modules/\$m.ko; done
mount -t configfs configfs /sys/kernel/config
export FOBRIG_REQUIRE_GPIO_SIM=1 LD_LIBRARY_PATH=$libpath HOME=/tmp
cd /tmp
echo "kernel-guest: running"
set +e
sh /script </dev/null
echo "kernel-guest: exit \$?"
poweroff -f
INIT
    chmod +x "$dir/init"
    (cd "$dir" && find . | cpio -o -H newc --quiet | gzip -1) > "$work/root.cpio.gz"
    guest_boot_kernel_ "$kernel" "$work/root.cpio.gz"
}

# Boots KERNEL's folder on INITRD with the kernel arguments given after them; $work is a
# folder of the caller's. Exits with the guest's status.
guest_boot_kernel_() {
    local kernel="$1" initrd="$2" accel=tcg status
    shift 2
    guest_kvm_works_ "$kernel" "$work" && accel=kvm
    echo "kernel-guest: booting $(basename "$kernel")-$arch in QEMU ($accel)" >&2
    # The console from init's first word on; the kernel's boot and the firmware's are noise.
    timeout "${FOBRIG_GUEST_TIMEOUT:-900}" "${qemu[@]}" -accel "$accel" -smp 2 -m 2048 \
        -nographic -no-reboot -nic none -kernel "$kernel/vmlinuz" -initrd "$initrd" \
        -append "console=$console quiet panic=-1 $*" </dev/null 2>&1 |
        tee "$work/console" | sed -u '0,/kernel-guest: running/d; s/\r$//' || true
    status="$(sed -n 's/^kernel-guest: exit \([0-9]*\)\r*$/\1/p' "$work/console")"
    if [ -z "$status" ]; then
        echo "kernel-guest: the guest never reported; its console:" >&2
        tr -d '\r' < "$work/console" | tail -n 60 >&2
        exit 1
    fi
    exit "$status"
}

guest_boot_() {
    guest_arch_ "$1"
    local initrd="$2"
    shift 2
    kernel="$(guest_kernel_ "$arch")"
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
    guest_boot_kernel_ "$kernel" "$initrd" "$@"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    set -euo pipefail
    shopt -s inherit_errexit
    case "${1:-}" in
        guest_kernel_|guest_run_|guest_boot_) "$@" ;;
        *) echo "kernel-guest: source this file, then call guest_kernel, guest_run or guest_boot" >&2
           exit 2 ;;
    esac
fi
