# fieldnote — the two commands a new user needs are `make demo` and `make test`.
# Both do all set-up first (idempotent; quick when everything is installed).

SHELL := /bin/bash
PORT ?= 8080
WASM_TARGET := wasm32-unknown-unknown
# Run wasm tests through wasm-bindgen's runner: Node by default, browsers via WebDriver.
WASM_TEST := CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	WASM_BINDGEN_TEST_TIMEOUT=120 cargo test --target $(WASM_TARGET) --test wasm

.PHONY: all setup build test demo demo-server conformance lint test-native test-wasm test-node test-browser test-types \
	test-e2e test-examples bench bench-setup bench-smoke fuzz clean

all: build

setup:
	@./.ci/setup

build: setup
	@./.ci/build

lint: setup
	cargo fmt --check
	cargo clippy --quiet --all-targets -- -D warnings
	cargo clippy --quiet --all-targets --features demo -- -D warnings
	@# Each wasm build exports one job (see .ci/build): each must be clean on its own.
	cargo clippy --quiet --lib --target $(WASM_TARGET) -- -D warnings
	cargo clippy --quiet --lib --target $(WASM_TARGET) --no-default-features --features errors -- -D warnings
	cargo clippy --quiet --lib --target $(WASM_TARGET) --no-default-features --features validator -- -D warnings
	cargo clippy --quiet --lib --target $(WASM_TARGET) --no-default-features --features compiler -- -D warnings

# With the Rust-server integrations (features serde and axum: tests/axum.rs, their unit and doc tests).
test-native: setup
	cargo test --quiet --features serde,axum
	@# The demo server's saved fuzz inputs (tests/fuzz-regressions/http) replay only with it built in.
	cargo test --quiet --features demo --test hardening

conformance: setup
	@cargo test --quiet --release --test conformance -- --nocapture 2>/dev/null | grep '^suite ' || \
	  (cargo test --release --test conformance -- --nocapture; exit 1)

test-wasm: setup
	@echo "== wasm tests in Node"
	$(WASM_TEST)
	@echo "== wasm tests in headless Chromium"
	CHROMEDRIVER=$$(command -v chromedriver) WASM_BINDGEN_USE_BROWSER=1 $(WASM_TEST)
	@echo "== wasm tests in headless Firefox ESR"
	GECKODRIVER=$$(command -v geckodriver) WASM_BINDGEN_USE_BROWSER=1 $(WASM_TEST)

test-node: build
	node --test --test-reporter=spec tests/node/

# Includes tests/browser/vite.test.mjs: a Vite-built app that imports the package.
test-browser: build
	node --test --test-reporter=spec --test-concurrency=1 tests/browser/

# The package's TypeScript declarations, used as a typed project would (tsc --noEmit).
test-types: build
	tests/node_modules/.bin/tsc -p tests/types
	tests/node_modules/.bin/tsc -p tests/types/es2022
	tests/node_modules/.bin/tsc -p tests/types/cjs

# End-to-end: the demo page in headless Chromium against the real demo server (tests/e2e/).
test-e2e: build demo-server
	node --test --test-reporter=spec --test-concurrency=1 tests/e2e/

# The examples (examples/): small real apps (Next.js, Vite 8 + React Hook Form, Vite 6, webpack,
# plain HTML under a strict CSP, Vitest with jsdom and happy-dom, Jest ESM), each installed from
# the `npm pack` tarball with its own lockfile, built and driven in headless Chromium; publint and
# Are the Types Wrong on the tarball. .ci/examples packs and installs (skips what is unchanged).
test-examples: build
	@./.ci/examples
	node --test --test-reporter=spec --test-concurrency=1 tests/examples/

test: lint test-native test-wasm test-node test-types test-browser test-e2e test-examples bench-smoke
	@echo "make test: all passed"

# The benchmark (bench/): fieldnote beside Ajv, @cfworker/json-schema, schemasafe and hyperjump
# in Node and headless Chromium; writes bench/RESULTS.md. Not part of `make test`, but its smoke
# run is (one tiny round of each workload in Node: the harness works, the numbers are sane).
bench-setup: setup
	@./.ci/bench-setup

bench: build bench-setup
	node bench/run.mjs

bench-smoke: build bench-setup
	node --test --test-reporter=spec bench/smoke.test.mjs

# Fuzzing (not part of `make test`, which replays the saved crashes in
# tests/fuzz-regressions through `cargo test --test hardening`): every cargo-fuzz
# target for FUZZ_SECONDS each, FUZZ_JOBS at once, at low priority; prints
# executions, coverage and crashes per target. Needs the nightly toolchain.
# `make fuzz FUZZ_SECONDS=600 FUZZ_TARGETS="normalize regex"`.
FUZZ_SECONDS ?= 60
FUZZ_JOBS ?= 2
FUZZ_TARGETS ?=
fuzz:
	@rustup toolchain list | grep -q '^nightly' || { echo "fuzz: needs the nightly toolchain (rustup toolchain install nightly)"; exit 1; }
	@command -v cargo-fuzz >/dev/null || { echo "fuzz: installing cargo-fuzz (a few minutes)"; \
	  cargo install cargo-fuzz --locked || cargo install cargo-fuzz; }
	@command -v python3 >/dev/null || { echo "fuzz: needs python3 (to seed the corpora)"; exit 1; }
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_JOBS=$(FUZZ_JOBS) ./fuzz/run.sh $(FUZZ_TARGETS)

demo-server: setup
	@cargo build --quiet --release --features demo --bin fieldnote-demo

# The built server runs in the foreground (not under `cargo run`): Ctrl-C ends it with make,
# nothing is left behind and the port is free again at once.
demo: build demo-server
	@echo "demo: serving on 127.0.0.1:$(PORT) (PORT=... to change; Ctrl-C stops it)"
	@./target/release/fieldnote-demo --port $(PORT)

clean:
	cargo clean
	rm -f pkg/fieldnote_*.js pkg/fieldnote_*.d.ts pkg/fieldnote_*.wasm pkg/*.node.js pkg/*.tgz examples/fieldnote.tgz
	rm -rf pkg/locales
	rm -rf bench/out
