# IAB — Incus Autobackup. Everything builds from vendor/: no network needed.
GO        ?= go
BINARY    ?= iab
PREFIX    ?= /usr/local
VERSION   ?= $(shell git describe --tags --dirty 2>/dev/null || echo v0.1.0-dev)
COMMIT    ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
LDFLAGS   := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)
GOFLAGS_BUILD := -mod=vendor -trimpath

export GOFLAGS := -mod=vendor
export GOTOOLCHAIN := local

.PHONY: build lint test test-unit lab-up lab-down test-e2e test-compat

build:
	CGO_ENABLED=0 GOOS=linux GOARCH=amd64 $(GO) build $(GOFLAGS_BUILD) -ldflags '$(LDFLAGS)' -o $(BINARY) ./cmd/iab

lint:
	@out=$$(gofmt -l cmd internal test 2>/dev/null); if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...

# Unit tests: everything except the end-to-end suite (which needs the lab).
test-unit:
	$(GO) test -count=1 $$($(GO) list ./... | grep -v /test/e2e)

# ---- End-to-end lab (test/lab/lab): two Incus daemons, source and target.
# "make test" and "make test-compat" take over the lab at IAB_LAB_DIR and take
# it down at the end; to keep a development lab running beside them, set
# another IAB_LAB_DIR and IAB_LAB_PORT_BASE for them.
LAB          := test/lab/lab
IAB_LAB_DIR  ?= /var/tmp/iab-lab
export IAB_LAB_DIR
E2E_TIMEOUT  ?= 40m
# E2E_RUN: optional go test -run regex for test-e2e.
E2E_RUN      ?=
# Core scenarios re-run for each pair of server versions (source:target).
COMPAT_RUN   ?= ^TestCompat
COMPAT_PAIRS ?= 6.0:7.2 7.2:6.0 7.2:7.2

lab-up:
	$(LAB) up

lab-down:
	$(LAB) down

# $(1): optional -run regex. Not a recursive $(MAKE): "make -n test" must not
# run the lab script.
e2e_cmd = IAB_E2E_REQUIRED=1 IAB_LAB_ENV=$(IAB_LAB_DIR)/lab.env \
	$(GO) test -count=1 -p 1 -timeout $(E2E_TIMEOUT) -v $(if $(1),-run '$(1)') ./test/e2e/...

test-e2e:
	$(call e2e_cmd,$(E2E_RUN))

# The lab goes down whatever happened; the exit status is the tests'.
test: test-unit
	@rc=0; \
	if $(LAB) up; then \
		$(call e2e_cmd,$(E2E_RUN)) || rc=$$?; \
	else \
		echo "make test: lab up failed" >&2; rc=1; \
	fi; \
	$(LAB) down || { [ $$rc -ne 0 ] || rc=1; }; \
	exit $$rc

# Each version pair gets a fresh lab (down first: versions change).
test-compat:
	@rc=0; \
	for pair in $(COMPAT_PAIRS); do \
		src=$${pair%%:*}; tgt=$${pair##*:}; \
		echo "==== test-compat: source Incus $$src -> target Incus $$tgt"; \
		$(LAB) down || rc=1; \
		if IAB_LAB_SOURCE_VERSION=$$src IAB_LAB_TARGET_VERSION=$$tgt $(LAB) up; then \
			$(call e2e_cmd,$(COMPAT_RUN)) || rc=1; \
		else \
			echo "test-compat: lab up ($$src -> $$tgt) failed" >&2; rc=1; \
		fi; \
		$(LAB) down || rc=1; \
	done; \
	exit $$rc

# install, man, demo and systemd lint targets.
include mk/operator.mk
