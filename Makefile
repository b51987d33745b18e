# Thin wrapper: build-aux/setup.sh does the set-up (Debian packages, the npm
# model package, meson), meson and ninja do the rest.
BUILD ?= build
NINJA ?= ninja

.PHONY: all setup build run test bench clean

all: build

setup:
	@bash build-aux/setup.sh $(BUILD)

build: setup
	@$(NINJA) -C $(BUILD)

run: build
	@bash build-aux/run-app.sh $(BUILD)

test: build
	@bash build-aux/run-tests.sh $(BUILD)

bench: build
	@bash build-aux/run-bench.sh $(BUILD)

clean:
	rm -rf $(BUILD)
