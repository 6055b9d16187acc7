# otel: compile-time OpenTelemetry instrumentation for Go.
#   make            build build/otel
#   make test       unit tests + end-to-end tests (also under ASan/UBSan)
#   make bench      build-time benchmark (bench/)
#   make bench-gosrc    Go scanner speed over GOROOT/src
#   make bench-runtime  run-time cost of the instrumentation (Go benchmarks)
#   make fuzz       every libFuzzer target of fuzz/ for FUZZ_TIME seconds each (clang)
#   make install PREFIX=/usr/local

PREFIX   ?= /usr/local
CC       ?= cc
PKGS      = yaml-0.1 json-c libxxhash
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lyaml -ljson-c -lxxhash)
CFLAGS   ?= -O2 -g
WARN      = -std=c17 -Wall -Wextra -Werror -D_GNU_SOURCE
ALL_CFLAGS = $(WARN) $(CFLAGS) -Isrc $(PKG_CFLAGS) -pthread
LIBS      = $(PKG_LIBS) -pthread
SAN       = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined

SRCS     := $(sort $(wildcard src/*/*.c))
MAIN_SRC := src/cli/main.c
LIB_SRCS := $(filter-out $(MAIN_SRC),$(SRCS))
HDRS     := $(wildcard src/*/*.h)
OBJS     := $(SRCS:src/%.c=build/obj/%.o)
LIB_OBJS := $(LIB_SRCS:src/%.c=build/obj/%.o)
SOBJS    := $(SRCS:src/%.c=build/san/obj/%.o)
SLIB_OBJS:= $(LIB_SRCS:src/%.c=build/san/obj/%.o)
UNIT_SRCS:= $(wildcard tests/unit/*_test.c)
UNIT_BINS:= $(UNIT_SRCS:tests/unit/%.c=build/san/tests/%)
# tools/*.c: small C test/bench drivers over the library (e.g. gosrc_dump),
# built optimized (build/tools/X) and sanitized (build/san/tools/X).
TOOL_SRCS:= $(wildcard tools/*.c)
TOOL_BINS:= $(TOOL_SRCS:tools/%.c=build/tools/%)
STOOL_BINS:= $(TOOL_SRCS:tools/%.c=build/san/tools/%)

VERSION  := $(shell cat VERSION 2>/dev/null || echo 0.0.0)

.PHONY: all san test unit bench bench-runtime bench-gosrc install clean demo fuzz fuzz-build
all: build/otel $(TOOL_BINS)

build/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -DOTEL_VERSION='"$(VERSION)"' -c $< -o $@

build/san/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -O1 -DOTEL_VERSION='"$(VERSION)"' -c $< -o $@

build/otel: $(OBJS)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJS) $(LIBS)

build/san/otel: $(SOBJS)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(SOBJS) $(LIBS)

build/san/tests/%: tests/unit/%.c tests/unit/test.h $(SLIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -Itests/unit -o $@ $< $(SLIB_OBJS) $(LIBS)

build/tools/%: tools/%.c $(LIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJS) $(LIBS)

build/san/tools/%: tools/%.c $(SLIB_OBJS)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $< $(SLIB_OBJS) $(LIBS)

# fuzz/*.c: libFuzzer targets over the library (README "Fuzzing"), built with
# clang, ASan and UBSan (build/fuzz/X); the library objects get coverage
# instrumentation (fuzzer-no-link). FUZZ_TIME: seconds per target.
FUZZ_CC   ?= clang
FUZZ_TIME ?= 600
FUZZ_SAN   = -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SRCS := $(wildcard fuzz/*.c)
FUZZ_BINS := $(FUZZ_SRCS:fuzz/%.c=build/fuzz/%)
FLIB_OBJS := $(LIB_SRCS:src/%.c=build/fuzz/obj/%.o)

build/fuzz/obj/%.o: src/%.c $(HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -DOTEL_VERSION='"$(VERSION)"' -c $< -o $@

build/fuzz/%: fuzz/%.c fuzz/fuzz.h $(FLIB_OBJS)
	$(FUZZ_CC) $(ALL_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer -o $@ $< $(FLIB_OBJS) $(LIBS)

# (named here so make does not delete them as intermediates of build/fuzz/%)
.SECONDARY: $(FLIB_OBJS)

fuzz-build: $(FUZZ_BINS)

fuzz: fuzz-build
	FUZZ_TIME=$(FUZZ_TIME) fuzz/run.sh

san: build/san/otel $(UNIT_BINS) $(STOOL_BINS)

unit: $(UNIT_BINS)

test: all san
	tests/run.sh

demo: build/otel
	scripts/demo.sh

bench: build/otel
	bench/run.sh

bench-gosrc: build/tools/gosrc_dump
	bench/gosrc_bench.sh

bench-runtime: build/otel
	OTEL_BIN=$(CURDIR)/build/otel instrumentation/bench/run.sh

install: build/otel
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/otel
	install -m 755 build/otel $(DESTDIR)$(PREFIX)/bin/otel
	rm -rf $(DESTDIR)$(PREFIX)/share/otel/instrumentation
	cp -R instrumentation $(DESTDIR)$(PREFIX)/share/otel/instrumentation

clean:
	rm -rf build
