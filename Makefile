# The two commands of the README, plus the usual helpers. Each installs what is
# missing (scripts/install-deps), configures with a CMake preset and builds.
PRESET ?= default
BUILD_DIR := $(if $(filter default,$(PRESET)),build,build-$(PRESET))

.PHONY: all deps build run test package lintian clean

all: build

deps:
	@scripts/install-deps

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

# Runs a server with the dummy driver in the foreground; Ctrl-C stops it.
run: build
	$(BUILD_DIR)/jack-server -d dummy

test: build
	ctest --preset $(PRESET)

# The .deb of the build (build/jack-server_<version>_<arch>.deb).
package: build
	cd $(BUILD_DIR) && cpack -G DEB

lintian: package
	lintian $(BUILD_DIR)/jack-server_*.deb

clean:
	rm -rf build build-*
