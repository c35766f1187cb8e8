# Sourced by the scripts: lets this machine's kernel run aarch64 programs through qemu-user, as
# a foreign root filesystem's package scripts (mmdebstrap) and a test's child processes need:
# qemu-user does not follow execve, a binfmt_misc handler does. Registering one (as
# systemd-binfmt would, from qemu-user-static's own file) changes nothing for this machine's
# own programs and lasts until reboot.
#
#   qemu_aarch64_binfmt    Registers the handler when there is none; returns 0 when it is enabled.
qemu_aarch64_binfmt() {
    local binfmt=/proc/sys/fs/binfmt_misc sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    if [ ! -e "$binfmt/qemu-aarch64" ]; then
        [ -e "$binfmt/register" ] || $sudo mount -t binfmt_misc binfmt_misc "$binfmt" 2>/dev/null || true
        if [ -e "$binfmt/register" ] && [ -e /usr/lib/binfmt.d/qemu-aarch64.conf ]; then
            echo "registering qemu-aarch64 with binfmt_misc (/usr/lib/binfmt.d/qemu-aarch64.conf)" >&2
            $sudo sh -c "cat /usr/lib/binfmt.d/qemu-aarch64.conf > $binfmt/register" || true
        fi
    fi
    [ -e "$binfmt/qemu-aarch64" ] && grep -q '^enabled' "$binfmt/qemu-aarch64"
}
