# BSG Platform. Two commands on a fresh Debian 12 machine:
#   make run    install what is missing, build, start the server on SQLite with demo data
#   make test   the whole suite (C++ under ASan+UBSan on SQLite and PostgreSQL, HTTP, browser)
# Other targets: build (everything, tests included), server (the bsg binary only), web, bench,
# security, fuzz (the course module's GIFT and Moodle XML fuzzers, FUZZ_SECONDS each), format,
# clean.

PORT ?= 8080
DB ?= sqlite://var/bsg.db
BSG := ./build/bsg

.PHONY: run test build server build-asan web deps bench security fuzz format clean

deps:
	@scripts/install-deps.sh

build: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release

# The server alone (no test binaries): what `make run` needs.
server: deps
	@cmake --preset release >/dev/null
	@cmake --build --preset release --target bsg

build-asan: deps
	@cmake --preset asan >/dev/null
	@cmake --build --preset asan

web: deps
	@scripts/npm-ci.sh web
	@npm --prefix web run --silent build

run: server web
	@mkdir -p var
	@$(BSG) --database $(DB) migrate
	@$(BSG) --database $(DB) seed --demo
	@echo "the dashboard with the demo data: http://127.0.0.1:$(PORT)/dashboard"
	@exec $(BSG) --database $(DB) serve --port $(PORT) --static-dir web/dist

test:
	@scripts/test.sh

bench: build web
	@bench/run.sh

security: build
	@tests/security/run.sh

# libFuzzer with ASan and UBSan on the question file readers (fuzz/run.sh; FUZZ_SECONDS=60 by
# default); builds only what they need, in build-fuzz/.
fuzz:
	@fuzz/run.sh

format:
	@clang-format -i $$(git ls-files 'src/*.cc' 'src/*.h' 'tests/*.cc' 'tests/*.h')

clean:
	rm -rf build build-asan web/dist
