#!/bin/sh
# Builds the example root: a small Flatcar-like tree with configuration extensions (confexts) and a
# system extension (sysext) in the places systemd looks for them.
#
#   sh examples/make-root.sh DIR      (DIR must not exist or be empty)
#
# Deterministic: fixed contents, every inode stamped with mtime 1700000000, and the raw sysext built
# by mkfs.erofs with a fixed timestamp and UUID (without mkfs.erofs the sysext is a directory instead).
# Only writes below DIR.
#
# What `confext list --explain --root=DIR` then shows:
#   flatcar-sshd     /usr/lib/confexts   vendor default, compatible (ID + VERSION_ID match)
#   motd             /var/lib/confexts   user confext for any OS (ID=_any), compatible
#   legacy-chrony    /var/lib/confexts   built for Flatcar 3975.2.0: incompatible, VERSION_ID differs
#   kubelet-config   /var/lib/confexts/kubelet-config.v/   versioned: the newest, 1.31.0, is picked
# and `sysext list --root=DIR` shows the sysext docker-compose in /var/lib/extensions.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 DIR" >&2; exit 2; }
T=$1
if [ -e "$T" ] && [ -n "$(ls -A "$T")" ]; then
	echo "$0: $T exists and is not empty" >&2
	exit 1
fi
TIME=1700000000
UUID=3c5d1bd0-7b1e-4f4f-9a53-0c0ffee00001
umask 022
mkdir -p "$T"

file() { # file PATH CONTENT: writes CONTENT (printf format, no arguments) below the root
	mkdir -p "$(dirname "$T/$1")"
	printf "$2" > "$T/$1"
}

# --- the host: Flatcar keeps os-release in /usr, /etc/os-release is a relative symlink to it
file usr/lib/os-release 'NAME="Flatcar Container Linux by Kinvolk"
ID=flatcar
ID_LIKE=coreos
VERSION=4152.2.0
VERSION_ID=4152.2.0
BUILD_ID=2025-01-21-1923
SYSEXT_LEVEL=1.0
PRETTY_NAME="Flatcar Container Linux by Kinvolk 4152.2.0 (Oklo)"
ANSI_COLOR="38;5;75"
HOME_URL="https://flatcar.org/"
BUG_REPORT_URL="https://issues.flatcar.org"
FLATCAR_BOARD="amd64-usr"
CPE_NAME="cpe:2.3:o:flatcar-linux:flatcar_linux:4152.2.0:*:*:*:*:*:*:*"
'
mkdir -p "$T/etc"
ln -s ../usr/lib/os-release "$T/etc/os-release"
file etc/hostname 'example-node\n'
file etc/ssh/sshd_config 'Include /etc/ssh/sshd_config.d/*.conf\nUsePAM yes\n'
file etc/motd ''

# --- vendor default confext shipped read-only in /usr (no verity: a plain directory)
file usr/lib/confexts/flatcar-sshd/etc/extension-release.d/extension-release.flatcar-sshd 'ID=flatcar
VERSION_ID=4152.2.0
CONFEXT_SCOPE=system
'
file usr/lib/confexts/flatcar-sshd/etc/ssh/sshd_config.d/50-flatcar.conf '# Hardened defaults shipped by the OS vendor.
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin no
'

# --- a user confext that fits any OS
file var/lib/confexts/motd/etc/extension-release.d/extension-release.motd 'ID=_any
'
file var/lib/confexts/motd/etc/motd.d/10-welcome.conf 'Welcome to the example node. Configuration comes from confexts.\n'

# --- an old confext built for an older Flatcar release: listed, but merge ignores it
file var/lib/confexts/legacy-chrony/etc/extension-release.d/extension-release.legacy-chrony 'ID=flatcar
VERSION_ID=3975.2.0
'
file var/lib/confexts/legacy-chrony/etc/chrony/chrony.conf 'pool pool.ntp.org iburst\n'

# --- a versioned confext: the .v directory holds one directory per version, the newest wins
for v in 1.30.1 1.31.0; do
	d=var/lib/confexts/kubelet-config.v/kubelet-config_$v
	file $d/etc/extension-release.d/extension-release.kubelet-config "ID=flatcar
VERSION_ID=4152.2.0
"
	file $d/etc/kubernetes/kubelet.env "KUBELET_VERSION=v$v\n"
done

# --- a system extension: an erofs image if mkfs.erofs is there, else the same tree as a directory
S=$(mktemp -d)
trap 'rm -rf "$S"' EXIT
mkdir -p "$S/usr/lib/extension-release.d" "$S/usr/bin" "$S/usr/lib/systemd/system"
printf 'ID=flatcar\nSYSEXT_LEVEL=1.0\nARCHITECTURE=x86-64\n' > "$S/usr/lib/extension-release.d/extension-release.docker-compose"
printf '#!/bin/sh\necho "docker-compose (example stub)"\n' > "$S/usr/bin/docker-compose"
chmod 0755 "$S/usr/bin/docker-compose"
mkdir -p "$T/var/lib/extensions"
if command -v mkfs.erofs >/dev/null 2>&1; then
	find "$S" -exec touch -h -d "@$TIME" {} +
	mkfs.erofs --quiet -T"$TIME" -U"$UUID" --all-root "$T/var/lib/extensions/docker-compose.raw" "$S" >/dev/null
else
	echo "$0: mkfs.erofs not found, the sysext docker-compose is a directory" >&2
	cp -R "$S" "$T/var/lib/extensions/docker-compose"
fi

find "$T" -exec touch -h -d "@$TIME" {} +
