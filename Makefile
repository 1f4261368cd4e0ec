# SPDX-License-Identifier: GPL-2.0-or-later
# The two commands of the README, plus the usual helpers. Each installs what is
# missing (scripts/install-deps), configures with a CMake preset and builds.
PRESET ?= default
BUILD_DIR := $(if $(filter default,$(PRESET)),build,build-$(PRESET))

.PHONY: all deps build run test package lintian clean fuzz fuzz-build fuzz-check soak bench bench-python bench-card-loss bench-extra-cards bench-extra-card-cpu bench-extra-card-ratio bench-dbus stress private-shm
.PHONY: test-no-alsa

all: build

deps:
	@scripts/install-deps

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

# Installs and builds only what the daemon needs (preset run, build-run/: no
# tests, no Python module, unoptimised, no debug information: the quickest
# build, about 90 s on 2 cores), then runs a server with the dummy driver in
# the foreground; Ctrl-C stops it.
run:
	@scripts/install-deps run
	cmake --preset run
	cmake --build --preset run
	build-run/jack-server -d dummy

test: build
	ctest --preset $(PRESET)

# The build without ALSA on the POSIX event loop (preset no-alsa, build-no-alsa/),
# as a system with neither gets it: all of it built, then its e2e suite and the
# check that nothing of ALSA is in it (packaging.NoAlsa). Root runs them in a
# /dev/shm of its own.
NO_ALSA_TESTS := ^(e2e\.|packaging\.NoAlsa$$)
test-no-alsa: deps
	cmake --preset no-alsa
	cmake --build --preset no-alsa
	@if [ "$$(id -u)" = 0 ]; then \
	  unshare -m sh -c 'mount -t tmpfs tmpfs /dev/shm && ctest --preset no-alsa -R "$(NO_ALSA_TESTS)"'; \
	else \
	  ctest --preset no-alsa -R '$(NO_ALSA_TESTS)'; \
	fi

# The .deb of the build (build/jack-server_<version>_<arch>.deb).
package: build
	cd $(BUILD_DIR) && cpack -G DEB

lintian: package
	lintian $(BUILD_DIR)/jack-server_*.deb

clean:
	rm -rf build build-*

# Each libFuzzer target for FUZZ_SECONDS (clang, preset fuzz); new inputs it
# finds go to build-fuzz/corpus/, crashes to build-fuzz/ (crash-*).
FUZZ_SECONDS ?= 60
fuzz: fuzz-build
	@for target in build-fuzz/tests/fuzz/fuzz_*; do \
	  name=$${target##*/fuzz_}; mkdir -p build-fuzz/corpus/$$name; \
	  echo "fuzz: $$name for $(FUZZ_SECONDS) s"; \
	  (cd build-fuzz && ../$$target -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=10 \
	    -print_final_stats=1 corpus/$$name ../tests/fuzz/corpus/$$name) || exit 1; \
	done

fuzz-build:
	@scripts/install-deps fuzz
	cmake --preset fuzz
	cmake --build --preset fuzz

# What CI runs after make test (.ci/run): the libFuzzer targets, built with
# clang, each once over its corpus (tests/fuzz/corpus/), then fuzzed for
# FUZZ_CHECK_SECONDS (5). What they find goes to build-fuzz/check/ and is
# dropped next time; a crash stops it, its input in build-fuzz/ (crash-*).
FUZZ_CHECK_SECONDS ?= 5
fuzz-check: fuzz-build
	@passed=0; for target in build-fuzz/tests/fuzz/fuzz_*; do \
	  name=$${target##*/fuzz_}; log=build-fuzz/check/$$name.log; \
	  rm -rf build-fuzz/check/$$name; mkdir -p build-fuzz/check/$$name; \
	  echo "fuzz-check: $$name: its corpus once, then $(FUZZ_CHECK_SECONDS) s of fuzzing"; \
	  if (cd build-fuzz && ../$$target ../tests/fuzz/corpus/$$name/* && \
	      ../$$target -max_total_time=$(FUZZ_CHECK_SECONDS) -max_len=4096 -timeout=10 \
	        -print_final_stats=1 check/$$name ../tests/fuzz/corpus/$$name) >$$log 2>&1; then \
	    grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' $$log; \
	    passed=$$((passed + 1)); \
	  else \
	    tail -n 40 $$log; echo "fuzz-check: $$passed passed, 1 failed"; exit 1; \
	  fi; \
	done; echo "fuzz-check: $$passed passed, 0 failed"

# jack-server against jackd and the floor (bench_floor), medians of BENCH_RUNS.
BENCH_RUNS ?= 5
bench: build
	BENCH_RUNS=$(BENCH_RUNS) tests/bench/bench.py $(BUILD_DIR)

# The Python module against the C++ API: import time, Server(...).start() to a
# client connected; medians of BENCH_RUNS.
bench-python: build
	BENCH_RUNS=$(BENCH_RUNS) tests/bench/python_bench.py $(BUILD_DIR)

# jack-server --dbus against jackdbus: StartServer and StopServer round trips,
# medians of BENCH_RUNS, and the footprint of BENCH_CYCLES (100) start/stop cycles.
BENCH_CYCLES ?= 100
bench-dbus: build
	BENCH_RUNS=$(BENCH_RUNS) BENCH_CYCLES=$(BENCH_CYCLES) tests/bench/dbus_bench.py $(BUILD_DIR)

# The card unplugged, stalled and plugged in again under jack-server and jackd
# (the test card, tests/card); medians of CARD_LOSS_RUNS.
CARD_LOSS_RUNS ?= 3
bench-card-loss: build
	BENCH_RUNS=$(CARD_LOSS_RUNS) tests/bench/card_loss.py $(BUILD_DIR)

# An extra card (--card) unplugged and plugged back, against alsa_in by hand
# (the test card as two cards); medians of EXTRA_CARDS_RUNS rounds.
EXTRA_CARDS_RUNS ?= 5
bench-extra-cards: build
	BENCH_RUNS=$(EXTRA_CARDS_RUNS) tests/bench/extra_cards.py $(BUILD_DIR)

# The CPU of one extra stereo card (capture) under --card against alsa_in and
# zita-a2j by hand: EXTRA_CARD_CPU_SECONDS (20) windows, medians of
# EXTRA_CARD_CPU_RUNS (3) rounds.
EXTRA_CARD_CPU_SECONDS ?= 20
EXTRA_CARD_CPU_RUNS ?= 3
bench-extra-card-cpu: build
	BENCH_SECONDS=$(EXTRA_CARD_CPU_SECONDS) BENCH_RUNS=$(EXTRA_CARD_CPU_RUNS) \
	  tests/bench/extra_card_cpu.py $(BUILD_DIR)

# The resampling ratio of an extra card whose clock is EXTRA_CARD_PPM (100)
# ppm fast, over EXTRA_CARD_RATIO_SECONDS (600).
EXTRA_CARD_RATIO_SECONDS ?= 600
EXTRA_CARD_PPM ?= 100
bench-extra-card-ratio: build
	BENCH_SECONDS=$(EXTRA_CARD_RATIO_SECONDS) BENCH_PPM=$(EXTRA_CARD_PPM) \
	  tests/bench/extra_card_ratio.py $(BUILD_DIR)

# STRESS_ROUNDS (default 5) runs of the suite beside busy loops (as root).
STRESS_ROUNDS ?= 5
stress: build
	tests/bench/stress.sh $(BUILD_DIR) $(STRESS_ROUNDS)

# 16 CI jobs at once with the same names, PRIVATE_SHM_ROUNDS (default 20) times,
# with --private-shm (as root and as nobody) and without it; and its cost (as root).
PRIVATE_SHM_ROUNDS ?= 20
private-shm: build
	tests/bench/private_shm.sh $(BUILD_DIR) $(PRIVATE_SHM_ROUNDS)

# SOAK_SECONDS (default 600) at 48000 Hz, period 64, with clients churning.
SOAK_SECONDS ?= 600
soak: build
	SOAK_SECONDS=$(SOAK_SECONDS) tests/bench/soak.py $(BUILD_DIR)

