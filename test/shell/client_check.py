"""Client check, run by test/shell/client_check.sh inside a throwaway cluster.

Connects with psycopg2 (libpq; PGHOST, PGPORT, PGUSER, PGPASSWORD from the
environment), reads migrisk's types in text form, reads the BI views, and
verifies their values against independent computations done here in Python
from the raw rows.  Exits non-zero on the first failed check.
"""
import collections
import datetime
import decimal
import math
import os
import sys

import psycopg2
import psycopg2.errors

DB = os.environ["DB"]
checks = 0


def check(cond, what):
    global checks
    checks += 1
    if not cond:
        print("FAILED:", what)
        sys.exit(1)


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= tol * max(1.0, abs(float(b)))


conn = psycopg2.connect(dbname=DB)
conn.autocommit = True
cur = conn.cursor()

# --- our types arrive as text and go back as text ---------------------------
def type_roundtrip(sql_value, type_name, rel):
    """Read one value of a migrisk type as a client does (a str), send the
    same text back as a parameter cast to the type, and compare on the
    server with the type's own equality."""
    cur.execute("SELECT %s FROM %s LIMIT 1" % (sql_value, rel))
    row = cur.fetchone()
    check(row is not None, "a %s value in %s" % (type_name, rel))
    text = row[0]
    check(isinstance(text, str) and text != "", "%s arrives as text: %r" % (type_name, text))
    # the type's equality lives in schema migrisk, off a client's search_path
    cur.execute("SELECT count(*) FROM %s WHERE %s OPERATOR(migrisk.=) %%s::migrisk.%s" % (rel, sql_value, type_name),
                (text,))
    check(cur.fetchone()[0] >= 1, "%s text %r round-trips through a parameter" % (type_name, text))
    print("ok  %-14s %s" % (type_name, text[:100]))
    return text


type_roundtrip("seg", "route_segment", "migrisk_demo.leg")
type_roundtrip("flags", "risk_flags", "migrisk_demo.journey_risk")
cur.execute("SELECT migrisk.risk_profile(flags, weight)::text FROM migrisk_demo.journey_risk")
summary_text = cur.fetchone()[0]
check(isinstance(summary_text, str) and summary_text.startswith("("), "risk_summary arrives as a composite text")
print("ok  risk_summary   %s" % summary_text[:100])

# --- the BI views: plain column types only ----------------------------------
ALLOWED = {"int4", "int8", "numeric", "float8", "text", "date", "timestamptz", "bool", "geometry"}
cur.execute("SELECT oid, typname FROM pg_type")
typname = dict(cur.fetchall())
cur.execute("""SELECT table_name FROM information_schema.views
               WHERE table_schema = 'bi' ORDER BY 1""")
views = [r[0] for r in cur.fetchall()]
for v in ("risk_by_state_month", "risk_by_corridor", "indicator_by_corridor", "linkage_outcomes"):
    check(v in views, "view bi.%s exists (have %s)" % (v, views))
rows_of = {}
for v in views:
    cur.execute("SELECT * FROM bi.%s" % v)
    cols = [(d.name, typname[d.type_code]) for d in cur.description]
    bad = [c for c in cols if c[1] not in ALLOWED]
    check(not bad, "bi.%s has only plain column types, not %s" % (v, bad))
    names = [c[0] for c in cols]
    rows_of[v] = [dict(zip(names, r)) for r in cur.fetchall()]
    check(len(rows_of[v]) > 0, "bi.%s has rows" % v)
    print("ok  bi.%-24s %3d rows, columns %s" % (v, len(rows_of[v]), ", ".join("%s %s" % c for c in cols)))

for r in rows_of["risk_by_state_month"]:
    check(isinstance(r["month"], datetime.date), "month is a date")
    check(isinstance(r["geom"], str) and r["geom"].startswith("0106000020E6100000"),
          "geom is hex EWKB of a MultiPolygon, SRID 4326")
    if r["suppressed"] == "no":
        check(isinstance(r["any_prevalence"], decimal.Decimal), "estimates are numeric")
        # (to float rounding: the Wilson bound of a share of 0 may come out as 1e-17)
        check(r["any_ci_low"] - decimal.Decimal("1e-12") <= r["any_prevalence"] <= r["any_ci_high"] + decimal.Decimal("1e-12"),
              "CI brackets the estimate: %s %s %s" % (r["state_code"], r["month"], r["any_prevalence"]))

# --- values, recomputed here from the raw text forms ------------------------
cur.execute("SELECT code, bit FROM migrisk.indicator")
codes = dict(cur.fetchall())


def parse_flags(text):
    """The risk_flags text form: {a,b} = those yes, every other no;
    -a = a no, ?a = a unknown; a leading ? = every unlisted one unknown."""
    body = text.strip()
    check(body.startswith("{") and body.endswith("}"), "flags text %r" % text)
    tokens = [t.strip() for t in body[1:-1].split(",") if t.strip()]
    rest_unknown = "?" in tokens
    yes, no, unknown = set(), set(), set()
    for t in tokens:
        if t == "?":
            continue
        if t[0] == "-":
            no.add(t[1:])
        elif t[0] == "?":
            unknown.add(t[1:])
        else:
            yes.add(t)
    for c in yes | no | unknown:
        check(c in codes or c.startswith("#"), "flag code %r is registered" % c)
    state = {}
    for c in codes:
        if c in yes:
            state[c] = True
        elif c in no:
            state[c] = False
        elif c in unknown or rest_unknown:
            state[c] = None
        else:
            state[c] = False
    return state


# The model the BI views were built with (demo/sql/85_bi.sql): its
# indicators decide the "any" composite.
cur.execute("""SELECT indicator FROM migrisk.risk_model_weight WHERE model = 'transit'""")
model_codes = {r[0] for r in cur.fetchall()}
check(model_codes == {"freight_train", "hotspot", "repeat_deportation"}, "transit model: %s" % model_codes)

# Every journey counts in each corridor it follows (journey_corridor).
cur.execute("""SELECT jc.corridor, r.flags::text, r.weight
               FROM migrisk_demo.journey_corridor jc JOIN migrisk_demo.journey_risk r USING (journey_id)
               WHERE r.flags IS NOT NULL AND r.weight IS NOT NULL""")
acc = collections.defaultdict(lambda: {"n": 0, "w": 0.0, "w2": 0.0, "any": 0.0,
                                       "known": collections.Counter(), "yes": collections.Counter()})
for corridor, ftext, w in cur.fetchall():
    a = acc[corridor]
    a["n"] += 1
    a["w"] += w
    a["w2"] += w * w
    flags = parse_flags(ftext)
    if any(flags[c] for c in model_codes):
        a["any"] += w
    for c, s in flags.items():
        if s is not None:
            a["known"][c] += w
            if s:
                a["yes"][c] += w


def wilson(p, n, z=1.959963984540054):
    """Wilson score interval of a share p on an effective sample size n."""
    d = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / d
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / d
    return centre - half, centre + half

by_corridor = {r["corridor_code"]: r for r in rows_of["risk_by_corridor"]}
check(set(by_corridor) == set(k for k in acc if k is not None),
      "bi.risk_by_corridor has exactly the corridors of the journeys")
for k, r in by_corridor.items():
    a = acc[k]
    check(r["journeys"] == a["n"], "%s: journeys %s = %s counted here" % (k, r["journeys"], a["n"]))
    check(close(r["weighted_n"], a["w"], 1e-9), "%s: weighted_n %s = %s" % (k, r["weighted_n"], a["w"]))
    neff = a["w"] ** 2 / a["w2"]
    check(close(r["effective_n"], neff, 1e-9), "%s: Kish effective n %s = %s" % (k, r["effective_n"], neff))
    p = a["any"] / a["w"]
    lo, hi = wilson(p, neff)
    check(close(r["any_prevalence"], p, 1e-9), "%s: any_prevalence %s = %s computed here" % (k, r["any_prevalence"], p))
    check(close(r["any_ci_low"], lo, 1e-9) and close(r["any_ci_high"], hi, 1e-9),
          "%s: Wilson interval [%s, %s] = [%s, %s] computed here" % (k, r["any_ci_low"], r["any_ci_high"], lo, hi))
ind_checked = 0
for r in rows_of["indicator_by_corridor"]:
    a = acc[r["corridor_code"]]
    c = r["indicator"]
    if a["known"][c] > 0 and r["prevalence"] is not None:
        mine = a["yes"][c] / a["known"][c]
        check(close(r["prevalence"], mine, 1e-9),
              "%s/%s: prevalence %s = %s computed here" % (r["corridor_code"], c, r["prevalence"], mine))
        check(r["ci_low"] - decimal.Decimal("1e-12") <= r["prevalence"] <= r["ci_high"] + decimal.Decimal("1e-12"),
              "%s/%s: CI brackets prevalence" % (r["corridor_code"], c))
        ind_checked += 1
check(ind_checked >= 3 * len(by_corridor), "every transit indicator compared in every corridor (%d)" % ind_checked)
print("ok  risk_by_corridor and indicator_by_corridor agree with Python on %d corridors, %d prevalences"
      % (len(by_corridor), ind_checked))

# Linkage outcomes from the linked events.
cur.execute("SELECT person_id, point, event_date FROM migrisk_demo.return_event")
returns = cur.fetchall()
cur.execute("SELECT person_id, event_date FROM migrisk_demo.apprehension")
appr = collections.defaultdict(list)
for p, d in cur.fetchall():
    appr[p].append(d)
cell = collections.defaultdict(lambda: {"events": 0, "persons": set(), "again": set()})
for p, point, d in returns:
    c = cell[(point, d.replace(day=1))]
    c["events"] += 1
    c["persons"].add(p)
    if any(d < a <= d + datetime.timedelta(days=90) for a in appr.get(p, ())):
        c["again"].add(p)
lo = {(r["reception_point"], r["month"]): r for r in rows_of["linkage_outcomes"]}
check(set(lo) == set(cell), "bi.linkage_outcomes has one row per point and month")
for k, c in cell.items():
    r = lo[k]
    check(r["return_events"] == c["events"] and r["persons"] == len(c["persons"])
          and r["persons_again_90d"] == len(c["again"]),
          "%s: linkage outcome %r vs events %d persons %d again %d"
          % (k, r, c["events"], len(c["persons"]), len(c["again"])))
print("ok  linkage_outcomes agrees with Python on %d cells (%d return events)" % (len(cell), len(returns)))

# --- the BI role: suppression it cannot undo ---------------------------------
bi = psycopg2.connect(dbname=DB, user="bi_reader", password=os.environ["BI_PASSWORD"])
bi.autocommit = True
bcur = bi.cursor()
bcur.execute("SELECT migrisk.version()")   # loads the library, so the setting is real
bcur.execute("SHOW migrisk.min_cell_size")
min_cell = int(bcur.fetchone()[0])
check(min_cell >= 2, "bi_reader's migrisk.min_cell_size is pinned (%d)" % min_cell)
try:
    bcur.execute("SET migrisk.min_cell_size = 0")
    check(False, "bi_reader could lower migrisk.min_cell_size")
except psycopg2.errors.InsufficientPrivilege:
    pass
try:
    bcur.execute("SELECT count(*) FROM migrisk_demo.journey_risk")
    check(False, "bi_reader could read the record-level table")
except psycopg2.errors.InsufficientPrivilege:
    pass
# The same cells as the superuser saw them above (min_cell_size 0 there).
full = {(r["state_code"], r["month"]): r["journeys"] for r in rows_of["risk_by_state_month"]}
bcur.execute("SELECT state_code, month, journeys, suppressed, any_prevalence, any_ci_low FROM bi.risk_by_state_month")
small = big = 0
for state, month, n, sup, prev, lo_ in bcur.fetchall():
    n_full = full[(state, month)]
    if n_full < min_cell:
        check(sup == "yes" and n is None and prev is None and lo_ is None,
              "cell %s %s of %d < %d records suppressed" % (state, month, n_full, min_cell))
        small += 1
    else:
        check(sup == "no" and n == n_full and prev is not None,
              "cell %s %s of %d >= %d records shown" % (state, month, n_full, min_cell))
        big += 1
check(small > 0 and big > 0, "both small (%d) and large (%d) cells seen as bi_reader" % (small, big))
bcur.execute("SELECT persons, suppressed FROM bi.linkage_outcomes")
for persons, sup in bcur.fetchall():
    check((sup == "yes") == (persons is None), "linkage cell suppressed iff its counts are NULL")
print("ok  bi_reader: min_cell_size %d, cannot lower it, %d small cells suppressed, %d shown"
      % (min_cell, small, big))
print("client_check: %d checks passed" % checks)
