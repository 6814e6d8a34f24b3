#!/usr/bin/env bash
# IAB demo: two Incus servers on this machine, a sample container and custom
# volume on the source, onboarding with restricted trust tokens, and IAB
# runs that back them up to the target.
#
# Usage: contrib/demo/demo.sh up|down      (or: make demo / make demo-down)
#
# Environment:
#   IAB_BIN            the iab binary (default: ./iab of this checkout)
#   IAB_LAB_DIR        the demo's lab directory (default /var/tmp/iab-demo)
#   IAB_LAB_PORT_BASE  its ports: source base+3, target base+4 (default 18740)
#
# Needs root on Debian 12 (the lab installs Incus from bookworm-backports).
# The demo lab is separate from the test lab (its own directory and ports),
# so "make test" and the demo never touch each other. "up" leaves the lab
# running for you to look around; "down" removes it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
LAB=$ROOT/test/lab/lab
export IAB_LAB_DIR=${IAB_LAB_DIR:-/var/tmp/iab-demo}
export IAB_LAB_PORT_BASE=${IAB_LAB_PORT_BASE:-18740}
IAB=${IAB_BIN:-$ROOT/iab}
WORK=$IAB_LAB_DIR/iab      # config.json, as /etc/iab would hold it
CREDS=$WORK/credentials    # as ~/.config/incusAutobackup would
PROJECT=demo

bold() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }
die() { echo "demo: error: $*" >&2; exit 1; }

# Show a command as the reader would type it, then run it.
run() {
	local shown="" a
	for a in "$@"; do
		case $a in
		*[[:space:]\$\>\<\|\;\"]*) shown+=" '$a'" ;;
		*) shown+=" $a" ;;
		esac
	done
	printf '\033[36m$%s\033[0m\n' "$shown"
	"$@"
}

# The incus client of each demo server (a lab server is reached through
# its own INCUS_DIR; on real hosts this would be plain "incus").
incus_src() { INCUS_DIR=$IAB_LAB_DIR/source INCUS_CONF=$IAB_LAB_DIR/client incus "$@"; }
incus_dst() { INCUS_DIR=$IAB_LAB_DIR/target INCUS_CONF=$IAB_LAB_DIR/client incus "$@"; }

# iab, run in the work directory where config.json lives.
iab() { (cd "$WORK" && "$IAB" "$@"); }

down() {
	"$LAB" down
	echo "demo: removed the demo lab in $IAB_LAB_DIR"
}

up() {
	[ "$(id -u)" = 0 ] || die "must run as root (it starts two Incus daemons)"
	[ -x "$IAB" ] || die "no iab binary at $IAB (run: make build)"
	if [ -e "$WORK" ]; then
		bold "A previous demo exists in $IAB_LAB_DIR: removing it first"
		"$LAB" down
	fi

	bold "Starting two Incus servers (source :$((IAB_LAB_PORT_BASE + 3)), target :$((IAB_LAB_PORT_BASE + 4)))"
	"$LAB" up
	# shellcheck disable=SC1091
	. "$IAB_LAB_DIR/lab.env"
	SRC_URL=$IAB_LAB_SOURCE_URL
	DST_URL=$IAB_LAB_TARGET_URL

	bold "Creating project '$PROJECT' on both servers"
	for srv in incus_src incus_dst; do
		# Images and profiles come from the default project.
		run $srv project create "$PROJECT" -c features.images=false -c features.profiles=false
	done

	bold "Source: a running container 'web' with some data, and a custom volume 'data'"
	run incus_src launch busybox web --project "$PROJECT"
	run incus_src exec web --project "$PROJECT" -- sh -c 'echo "version 1 written $(date -u)" > /root/data.txt'
	run incus_src storage volume create fast data --project "$PROJECT"
	run incus_src storage volume attach fast data web /srv/data --project "$PROJECT"
	run incus_src exec web --project "$PROJECT" -- sh -c 'echo "volume data v1" > /srv/data/notes.txt'

	bold "Trust tokens restricted to project '$PROJECT' (run on each server)"
	SRC_TOKEN=$(incus_src config trust add iab --restricted --projects "$PROJECT" -q | tail -n1)
	DST_TOKEN=$(incus_dst config trust add iab --restricted --projects "$PROJECT" -q | tail -n1)
	echo "$ incus config trust add iab --restricted --projects $PROJECT    # on the source"
	echo "$ incus config trust add iab --restricted --projects $PROJECT    # on the target"
	[ -n "$SRC_TOKEN" ] && [ -n "$DST_TOKEN" ] || die "no trust token"

	bold "Onboarding: IAB trusts both servers, pins their certificates, writes config.json"
	mkdir -p "$WORK"
	run "$IAB" onboard --source-url "$SRC_URL" --source-token "$SRC_TOKEN" \
		--target-url "$DST_URL" --target-token "$DST_TOKEN" \
		--iab-cred-dir "$CREDS" --out-config "$WORK"

	bold "Writing the config: what to back up, and how long to keep it"
	local uuid
	uuid=$(sed -n 's/.*"uuid": *"\([^"]*\)".*/\1/p' "$WORK/config.json")
	[ -n "$uuid" ] || die "no uuid in the onboarded config.json"
	cat >"$WORK/config.json" <<EOF
{
  "iab": {
    "iabCredDir": "$CREDS",
    "uuid": "$uuid"
  },
  "hosts": [
    {"name": "home", "url": "$SRC_URL", "role": "source"},
    {"name": "backup", "url": "$DST_URL", "role": "target"}
  ],
  "projects": [
    {
      "name": "$PROJECT",
      "instances": [
        {"name": "web", "storage": "default", "excludeDevices": ["data"]}
      ],
      "volumes": [
        {"name": "data", "storage": "fast"}
      ]
    }
  ],
  "retention": {
    "hosts": {
      "source": {"default": "6,1h2d,1d2w"},
      "target": {"default": "6,1h2d,1d2w,1w3m"}
    }
  }
}
EOF
	run cat "$WORK/config.json"

	bold "Preflight: iab check (read-only)"
	run iab check

	bold "Dry run: what a run would do (changes nothing)"
	run iab run --dryRun

	bold "First run: snapshot, full copy to the target, prune"
	run iab run

	bold "Changing the data on the source"
	run incus_src exec web --project "$PROJECT" -- sh -c 'echo "version 2 written $(date -u)" > /root/data.txt'
	run incus_src exec web --project "$PROJECT" -- sh -c 'echo "volume data v2" > /srv/data/notes.txt'
	sleep 1 # snapshot names have one-second resolution

	bold "Second run: incremental refresh"
	run iab run

	bold "Status"
	run iab status

	bold "What the target holds now"
	run incus_dst list --project "$PROJECT" -c nsS
	run incus_dst snapshot list web --project "$PROJECT" -f compact
	run incus_dst storage volume list fast --project "$PROJECT" -c tnc type=custom
	run incus_dst storage volume snapshot list fast data --project "$PROJECT" -f compact
	# The backup copy holds the second version (file access works on a
	# stopped container).
	run incus_dst file pull web/root/data.txt - --project "$PROJECT"

	cat <<EOF

$(printf '\033[1m')The demo lab is still running.$(printf '\033[0m') Look around:

  # the incus client of each demo server
  alias src='INCUS_DIR=$IAB_LAB_DIR/source INCUS_CONF=$IAB_LAB_DIR/client incus'
  alias dst='INCUS_DIR=$IAB_LAB_DIR/target INCUS_CONF=$IAB_LAB_DIR/client incus'
  src list --project $PROJECT
  dst snapshot list web --project $PROJECT

  # IAB, with the demo's config.json
  cd $WORK
  $IAB check
  $IAB run --dryRun
  $IAB status

  # restore: the target's newest snapshot as a new instance on the target
  dst copy web/<SNAPSHOT> web-restored --project $PROJECT

When done: make demo-down   (or: $0 down)
EOF
}

case ${1:-} in
up) up ;;
down) down ;;
*) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
