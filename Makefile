# migrisk -- PGXS build.
#
#   make deps    install what is missing (apt-get as root, or print the line)
#   make         build the module and the install script
#   make test    deps, build, install, then every test in a throwaway cluster
#   make demo    deps, build, install, then the demo in a throwaway cluster
#   make bench   benchmarks against peers (test/bench/)
#   make fuzz    libFuzzer harnesses (test/fuzz/), FUZZ_SECONDS each

EXTENSION   = migrisk
# The version lives in migrisk.control alone; the library and the install
# script take it from there.
EXTVERSION := $(shell sed -n "s/^default_version *= *'\(.*\)'/\1/p" $(EXTENSION).control)

PG_CONFIG  ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)

# Pure cores (no PostgreSQL headers) live in src/core/, fmgr glue in src/.
CORE_SRCS   = $(sort $(wildcard src/core/*.c))
GLUE_SRCS   = $(sort $(wildcard src/*.c))
MODULE_big  = migrisk
OBJS        = $(GLUE_SRCS:.c=.o) $(CORE_SRCS:.c=.o)

# The install script is the SQL fragments in src/sql/, in file-name order.
# Released install scripts stay in releases/ and the update scripts at the
# top (migrisk--A--B.sql), so every released version installs and updates.
SQL_PARTS   = $(sort $(wildcard src/sql/*.sql))
DATA_built  = $(EXTENSION)--$(EXTVERSION).sql
DATA        = $(wildcard $(EXTENSION)--*--*.sql) $(wildcard releases/$(EXTENSION)--*.sql)

# init creates the extension; every other test follows in name order.
REGRESS     = init $(filter-out init,$(sort $(basename $(notdir $(wildcard sql/*.sql)))))
REGRESS_OPTS = --load-extension=plpgsql

PG_CPPFLAGS = -I$(srcdir)/src -I$(srcdir)/src/core -DMIGRISK_VERSION='"$(EXTVERSION)"'
PG_CFLAGS   = -std=gnu99 -Wall -Wextra -Werror

# fmgr's V1 signature hands every function fcinfo, used or not; the glue
# files (and only they) are spared that one warning.
$(GLUE_SRCS:.c=.o): override CFLAGS += -Wno-unused-parameter

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
$(OBJS): $(wildcard src/*.h src/core/*.h)

$(DATA_built): $(SQL_PARTS)
	cat $^ > $@

.PHONY: deps test demo bench fuzz unit data test-sanitize test-valgrind

deps:
	@sh test/deps.sh

unit:
	@sh test/unit/run.sh

test: deps
	@sh test/run_all.sh

demo: deps
	@sh demo/run.sh

bench: deps
	@sh test/bench/run.sh

fuzz:
	@sh test/fuzz/run.sh

# the regression suite against a build with AddressSanitizer and UBSan
test-sanitize: deps
	@sh test/sanitize/run.sh

# the regression suite against a server under valgrind (VALGRIND_TESTS=...)
test-valgrind: deps
	@sh test/valgrind/run.sh

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
