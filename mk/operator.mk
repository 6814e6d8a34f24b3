# Operator targets: install, man pages, systemd unit checks, the demo.
# Included from the Makefile (which defines GO, BINARY, PREFIX and build).
#
#   make install [PREFIX=/usr/local] [DESTDIR=/tmp/stage]
#   make uninstall [PREFIX=...] [DESTDIR=...]
#   make man                  man pages into dist/man
#   make lint-systemd         systemd-analyze verify (skipped where absent)
#   make demo / demo-down     two-server demo lab (root, Debian 12)

BINDIR     ?= $(PREFIX)/bin
MANDIR     ?= $(PREFIX)/share/man/man1
# /usr/local/lib/systemd/system is on systemd's unit search path and is the
# place for units of software installed under /usr/local (PREFIX=/usr gives
# /usr/lib/systemd/system, the distribution's place).
UNITDIR    ?= $(PREFIX)/lib/systemd/system
# The unit's WorkingDirectory: config.json lives here. Fixed, not under PREFIX.
CONFDIR    ?= /etc/iab
MAN_OUT    ?= dist/man
# Reproducible man page dates: the last commit's time.
MAN_EPOCH  ?= $(shell git log -1 --format=%ct 2>/dev/null || date +%s)

DEMO_DIR       ?= /var/tmp/iab-demo
DEMO_PORT_BASE ?= 18740

UNITS := contrib/systemd/iab.service contrib/systemd/iab.timer

.PHONY: install uninstall man lint-systemd demo demo-down

# Everything "make lint" checks, plus the units.
lint: lint-systemd

man: build
	rm -rf $(MAN_OUT)
	SOURCE_DATE_EPOCH=$(MAN_EPOCH) ./$(BINARY) man $(MAN_OUT) >/dev/null
	@echo "man pages in $(MAN_OUT): $$(ls $(MAN_OUT) | tr '\n' ' ')"

# The units name /usr/local/bin/iab; an install elsewhere gets its own path.
install: build man
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR) $(DESTDIR)$(UNITDIR)
	install -m 0755 $(BINARY) $(DESTDIR)$(BINDIR)/iab
	install -m 0644 $(MAN_OUT)/*.1 $(DESTDIR)$(MANDIR)/
	sed -e 's|/usr/local/bin/iab|$(BINDIR)/iab|g' -e 's|/etc/iab|$(CONFDIR)|g' \
		contrib/systemd/iab.service >$(DESTDIR)$(UNITDIR)/iab.service
	install -m 0644 contrib/systemd/iab.timer $(DESTDIR)$(UNITDIR)/iab.timer
	chmod 0644 $(DESTDIR)$(UNITDIR)/iab.service
	install -d -m 0700 $(DESTDIR)$(CONFDIR)
	@echo
	@echo "Installed $(DESTDIR)$(BINDIR)/iab, its man pages and systemd units."
	@echo "Next: put config.json into $(CONFDIR) (iab onboard --out-config $(CONFDIR)), then"
	@echo "  iab check --config $(CONFDIR)/config.json"
	@echo "  systemctl daemon-reload && systemctl enable --now iab.timer"

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/iab $(DESTDIR)$(UNITDIR)/iab.service $(DESTDIR)$(UNITDIR)/iab.timer
	rm -f $(DESTDIR)$(MANDIR)/iab.1 $(DESTDIR)$(MANDIR)/iab-*.1
	@echo "Left $(CONFDIR) and the credential directory in place."

# systemd-analyze verify insists that ExecStart exists: verify a copy that
# runs the freshly built binary instead of /usr/local/bin/iab.
lint-systemd: build
	@if ! command -v systemd-analyze >/dev/null 2>&1; then \
		echo "lint-systemd: systemd-analyze not found, skipped"; exit 0; fi; \
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	sed 's|/usr/local/bin/iab|$(CURDIR)/$(BINARY)|' contrib/systemd/iab.service >"$$tmp/iab.service"; \
	cp contrib/systemd/iab.timer "$$tmp/iab.timer"; \
	out=$$(systemd-analyze verify --man=no "$$tmp/iab.service" "$$tmp/iab.timer" 2>&1); rc=$$?; \
	if [ $$rc -ne 0 ] || [ -n "$$out" ]; then echo "$$out"; echo "lint-systemd: systemd-analyze verify failed"; exit 1; fi; \
	echo "lint-systemd: iab.service and iab.timer verified"

# A two-server lab of its own (directory and ports apart from the tests'),
# a sample container and volume, onboarding, check, dry run, two runs,
# status. The lab stays up; "make demo-down" removes it.
demo: build
	IAB_BIN=$(CURDIR)/$(BINARY) IAB_LAB_DIR=$(DEMO_DIR) IAB_LAB_PORT_BASE=$(DEMO_PORT_BASE) \
		contrib/demo/demo.sh up

demo-down:
	IAB_LAB_DIR=$(DEMO_DIR) IAB_LAB_PORT_BASE=$(DEMO_PORT_BASE) contrib/demo/demo.sh down
