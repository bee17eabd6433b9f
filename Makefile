# migrisk -- PGXS build.
#
#   make deps    install what is missing (apt-get as root, or print the line)
#   make         build the module and the install script
#   make test    deps, build, install, then every test in a throwaway cluster
#   make test-pg PG=N   the suite on PostgreSQL N (15, 17, 18) in a Debian root
#   make test-all       make test, the suites on 17 and 18, the package
#   make demo    deps, build, install, then the demo in a throwaway cluster
#   make bench   benchmarks against peers (test/bench/)
#   make reference  docs/reference.md regenerated from the installed catalog
#   make fuzz    libFuzzer harnesses (test/fuzz/), FUZZ_SECONDS each
#   make deb     Debian packages postgresql-NN-migrisk (out/deb/)
#   make test-package  make deb, then install and test it in a bookworm root
#   make dist    the PGXN release zip from git archive (out/dist/)

EXTENSION   = migrisk

# The source tree: "." or, in a VPATH build (pg_buildext builds each major in
# its own build-NN/ with make -f SRC/Makefile VPATH=SRC), VPATH.  File lists
# are read there and kept relative to it, as PGXS wants them.
src_dir    := $(or $(VPATH),.)
src_files   = $(patsubst $(src_dir)/%,%,$(sort $(wildcard $(addprefix $(src_dir)/,$(1)))))

# The version lives in migrisk.control alone; the library and the install
# script take it from there.
EXTVERSION := $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(src_dir)/$(EXTENSION).control)

PG_CONFIG  ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

# Pure cores (no PostgreSQL headers) live in src/core/, fmgr glue in src/.
CORE_SRCS   = $(call src_files,src/core/*.c)
GLUE_SRCS   = $(call src_files,src/*.c)
MODULE_big  = migrisk
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)

# The install script is the SQL fragments in src/sql/, in file-name order.
# Released install scripts stay in releases/ and the update scripts at the
# top (migrisk--A--B.sql), so every released version installs and updates.
SQL_PARTS   = $(call src_files,src/sql/*.sql)
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(call src_files,$(EXTENSION)--*--*.sql releases/$(EXTENSION)--*.sql)

# init creates the extension; every other test follows in name order.
REGRESS     = init $(filter-out init,$(basename $(notdir $(call src_files,sql/*.sql))))
REGRESS_OPTS = --load-extension=plpgsql

PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/core -DMIGRISK_VERSION='"$(EXTVERSION)"'
PG_CFLAGS   = -std=gnu99 -Wall -Wextra -Werror

# fmgr's V1 signature hands every function fcinfo, used or not; the glue
# files (and only they) are spared that one warning.
$(GLUE_SRCS:.c=.o): override CFLAGS += -Wno-unused-parameter

# the geodesic core reads no errno (sqrt() becomes one instruction), and at
# -O3 its fixed-length series loops are unrolled (length_m: 15% fewer
# instructions; no change to the floating-point semantics)
src/core/geodesic.o: override CFLAGS += -O3 -fno-math-errno

# Calls between the module's own functions bind inside it: no PLT hop on
# the per-row paths (glue to core), and no other library's symbol of the
# same name can stand in for ours.  The symbols stay exported for JIT.
ifeq ($(shell uname -s),Linux)
SHLIB_LINK += -Wl,-Bsymbolic-functions
endif

EXTRA_CLEAN = test/unit/bin test/fuzz/bin results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
all install installcheck:
	@echo "migrisk: PostgreSQL 15 server development files not found (pg_config)." >&2
	@echo "migrisk: run 'make deps' first." >&2
	@exit 1
endif

# Rebuild every object when a header changes (few headers, small module).
$(OBJS): $(call src_files,src/*.h src/core/*.h)

# A VPATH build writes its objects under the build directory: make their
# directories (named absolutely, or VPATH would find the source's).
ifneq ($(src_dir),.)
$(OBJS) $(OBJS:.o=.bc): | $(CURDIR)/src/core
$(CURDIR)/src/core:
	mkdir -p $@
endif

$(DATA_built): $(SQL_PARTS)
	cat $^ > $@

.PHONY: deps test test-pg test-all test-citus bench-citus demo bench fuzz unit data reference test-sanitize test-valgrind deb test-package dist

deps:
	@sh test/deps.sh

unit:
	@sh test/unit/run.sh

test: deps
	@sh test/run_all.sh

# make test-pg PG=17: the suite on another PostgreSQL major, in a clean
# Debian root (test/pg/); make test-all: make test, 17, 18, the package
PG ?=
test-pg: deps
	@sh test/pg/run.sh "$(PG)"

test-all: deps
	@sh test/pg/all.sh

# make test-citus: the distributed checks on a coordinator and two workers
# (test/citus/), when Citus is installed; skipped when it is not
test-citus: deps
	@sh test/citus/run.sh

# make bench-citus: the aggregates on a Citus cluster against their peers
bench-citus: deps
	@sh test/citus/bench.sh

demo: deps
	@sh demo/run.sh

bench: deps
	@sh test/bench/run.sh

# the generated lines of docs/reference.md (headings, labels, COMMENTs) from
# the catalog of a fresh install; test/shell/reference.sh checks them
reference: deps
	@sh test/docs/run.sh

fuzz:
	@sh test/fuzz/run.sh

# the regression suite against a build with AddressSanitizer and UBSan
test-sanitize: deps
	@sh test/sanitize/run.sh

# the regression suite against a server under valgrind (VALGRIND_TESTS=...)
test-valgrind: deps
	@sh test/valgrind/run.sh

# Packages (README, "Packages"): the Debian packages; the bookworm package
# installed into a fresh bookworm root and tested there (as root); the PGXN zip
deb:
	@sh test/package/deb.sh

test-package:
	@sh test/package/bookworm.sh

dist:
	@sh test/package/dist.sh

# make data PERSONS=N SEED=S OUT=DIR ERRORS=K: the synthetic data set
# (docs/data.md); ERRORS multiplies every identity error rate
PERSONS ?= 10000
SEED    ?= 1
OUT     ?= out/data
ERRORS  ?= 1
data:
	@sh test/data/run.sh "$(PERSONS)" "$(SEED)" "$(OUT)" --errors "$(ERRORS)"

print-pkglibdir:
	@echo $(pkglibdir)
print-pg-config:
	@echo $(PG_CONFIG)
