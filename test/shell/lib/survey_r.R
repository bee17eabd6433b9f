# Run by test/shell/survey_r.sh: loads the R survey package's own example
# data (data(api)) into PostgreSQL through RPostgreSQL, computes the same
# design-based estimates with migrisk (read back through views, as an
# analyst's script would) and with svymean / svyciprop(method = "beta") /
# svyby, and fails unless they agree to 1e-9 relative.
suppressMessages({
	library(survey)
	library(RPostgreSQL)
})
tol <- 1e-9
con <- dbConnect(PostgreSQL(), host = Sys.getenv("PGHOST"), port = as.integer(Sys.getenv("PGPORT")),
                 user = Sys.getenv("PGUSER"), password = Sys.getenv("PGPASSWORD"),
                 dbname = Sys.getenv("MIGRISK_DB"))
run <- function(sql) invisible(dbClearResult(dbSendQuery(con, sql)))
data(api)

# the yes/no variables: held = sch.wide, debt = awards, docs = acs.k3 > 20
# (unknown where acs.k3 is missing); the composite: sch.wide or awards
prep <- function(d, design, stratum, psu, frac) {
	data.frame(design = design, stratum = as.integer(stratum), psu = as.integer(psu), frac = as.numeric(frac), w = d$pw,
	           stype = as.character(d$stype), held = d$sch.wide == "Yes",
	           debt = d$awards == "Yes", docs = d$acs.k3 > 20, stringsAsFactors = FALSE)
}
nh <- table(apistrat$stype)
lonely_strata <- function(dnum) {
	u <- sort(unique(dnum))
	s <- ifelse(dnum == u[1], 1L, ifelse(dnum %in% u[2:8], 2L, 3L))
	s
}
rows <- rbind(
	prep(apistrat, "strat_fpc", as.integer(apistrat$stype), apistrat$snum,
	     as.numeric(nh[as.character(apistrat$stype)]) / apistrat$fpc),
	prep(apistrat, "strat", as.integer(apistrat$stype), apistrat$snum, NA),
	prep(apiclus1, "clus1_fpc", 1L, apiclus1$dnum, length(unique(apiclus1$dnum)) / apiclus1$fpc),
	prep(apiclus1, "clus1", 1L, apiclus1$dnum, NA),
	prep(apiclus2, "clus2", 1L, apiclus2$dnum, NA),
	prep(apiclus1, "lonely", lonely_strata(apiclus1$dnum), apiclus1$dnum, NA))
invisible(dbWriteTable(con, "api_rows", rows, row.names = FALSE, overwrite = TRUE))

run("INSERT INTO migrisk.risk_model (name, kind, medium_threshold, high_threshold) VALUES ('t_api', 'any', 1, 1)")
run("INSERT INTO migrisk.risk_model_weight (model, indicator, weight) VALUES ('t_api', 'held', 1), ('t_api', 'debt', 1)")
run("ALTER TABLE api_rows ADD COLUMN f migrisk.risk_flags")
run("UPDATE api_rows SET f = migrisk.risk_flags(ARRAY['held', 'debt', 'docs'], ARRAY[held, debt, docs])")

# the analyst's views: one row per design (or domain) and measure
run("CREATE VIEW survey_estimates AS
SELECT x.design, e.code, e.estimate, e.se, e.deff, e.df, e.ci_low, e.ci_high
FROM (SELECT design, migrisk.risk_profile_design(f, w, stratum, psu, frac, 't_api') AS s
      FROM api_rows WHERE frac IS NOT NULL GROUP BY design
      UNION ALL
      SELECT design, migrisk.risk_profile_design(f, w, stratum, psu, 't_api')
      FROM api_rows WHERE frac IS NULL AND design <> 'lonely' GROUP BY design
      UNION ALL
      SELECT design || '_' || p, migrisk.risk_design_state_summary(migrisk.risk_profile_design_state(f, w, stratum, psu, 't_api'), p)
      FROM api_rows, unnest(ARRAY['adjust', 'average', 'remove', 'certainty']) p
      WHERE design = 'lonely' GROUP BY design, p) x,
     migrisk.design_estimates(x.s) e
WHERE e.code IN ('(any)', 'held', 'debt', 'docs')")
# domains, two correct ways: CASE (rows outside the domain keep their PSU)
# and risk_design_domain (a GROUP BY state padded with the design's PSUs);
# and the naive GROUP BY, which is wrong wherever domains cut across PSUs
run("CREATE VIEW survey_domains AS
SELECT g.design, g.stype, 'case' AS how, e.code, e.estimate, e.se, e.deff, e.df, e.ci_low, e.ci_high
FROM (SELECT DISTINCT design, stype FROM api_rows WHERE design IN ('clus1_fpc', 'strat_fpc')) g
CROSS JOIN LATERAL (SELECT migrisk.risk_profile_design(CASE WHEN r.stype = g.stype THEN r.f END, r.w, r.stratum, r.psu, r.frac, 't_api') AS s
                    FROM api_rows r WHERE r.design = g.design) a,
     migrisk.design_estimates(a.s) e
UNION ALL
SELECT x.design, x.stype, 'domain', e.code, e.estimate, e.se, e.deff, e.df, e.ci_low, e.ci_high
FROM (SELECT design, stype, migrisk.risk_profile_design_state(f, w, stratum, psu, frac, 't_api') AS st
      FROM api_rows WHERE design IN ('clus1_fpc', 'strat_fpc') GROUP BY design, stype) x
JOIN (SELECT design, migrisk.risk_profile_design_state(NULL::migrisk.risk_flags, w, stratum, psu, frac, 't_api') AS fr
      FROM api_rows WHERE design IN ('clus1_fpc', 'strat_fpc') GROUP BY design) d USING (design),
     migrisk.design_estimates(migrisk.risk_design_state_summary(migrisk.risk_design_domain(x.st, d.fr))) e
UNION ALL
SELECT x.design, x.stype, 'naive', e.code, e.estimate, e.se, e.deff, e.df, e.ci_low, e.ci_high
FROM (SELECT design, stype, migrisk.risk_profile_design(f, w, stratum, psu, frac, 't_api') AS s
      FROM api_rows WHERE design IN ('clus1_fpc', 'strat_fpc') GROUP BY design, stype) x,
     migrisk.design_estimates(x.s) e")

got <- dbGetQuery(con, "SELECT * FROM survey_estimates")
dom <- dbGetQuery(con, "SELECT * FROM survey_domains WHERE code = '(any)'")

designs <- list(
	strat_fpc = svydesign(id = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat),
	strat = svydesign(id = ~1, strata = ~stype, weights = ~pw, data = apistrat),
	clus1_fpc = svydesign(id = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1),
	clus1 = svydesign(id = ~dnum, weights = ~pw, data = apiclus1),
	clus2 = svydesign(id = ~dnum + snum, weights = ~pw, data = apiclus2))
lon <- apiclus1
lon$lstr <- lonely_strata(lon$dnum)
lonely_design <- svydesign(id = ~dnum, strata = ~lstr, weights = ~pw, data = lon)

addvars <- function(d) update(d, held = as.numeric(sch.wide == "Yes"), debt = as.numeric(awards == "Yes"),
                              docs = as.numeric(acs.k3 > 20),
                              any = as.numeric(sch.wide == "Yes" | awards == "Yes"))
ref_one <- function(d, v) {
	d <- addvars(d)
	d <- d[!is.na(d$variables[[v]]), ]	# each indicator over the records where it is known
	f <- as.formula(paste0("~", v))
	m <- svymean(f, d, deff = TRUE)
	ci <- attr(svyciprop(f, d, method = "beta"), "ci")
	c(estimate = unname(coef(m)), se = unname(SE(m)), deff = unname(deff(m)), df = degf(d),
	  ci_low = unname(ci[1]), ci_high = unname(ci[2]))
}
worst <- c(estimate = 0, se = 0, deff = 0, ci_low = 0, ci_high = 0)
fails <- 0
compare <- function(label, mine, ref) {
	for (k in names(worst)) {
		r <- abs(mine[[k]] - ref[[k]]) / abs(ref[[k]])
		if (!is.finite(r) || r > tol) {
			cat(sprintf("FAIL %s %s: migrisk %.17g, R %.17g (relative %.3g)\n", label, k, mine[[k]], ref[[k]], r))
			fails <<- fails + 1
		}
		if (is.finite(r)) worst[[k]] <<- max(worst[[k]], r)
	}
	if (mine[["df"]] != ref[["df"]]) {
		cat(sprintf("FAIL %s df: migrisk %d, R %d\n", label, mine[["df"]], ref[["df"]]))
		fails <<- fails + 1
	}
}
measures <- c("(any)" = "any", held = "held", debt = "debt", docs = "docs")
n <- 0
for (dn in names(designs)) {
	for (code in names(measures)) {
		mine <- got[got$design == dn & got$code == code, ]
		stopifnot(nrow(mine) == 1)
		compare(paste(dn, code), mine, ref_one(designs[[dn]], measures[[code]]))
		n <- n + 1
	}
}
for (p in c("adjust", "average", "remove", "certainty")) {
	options(survey.lonely.psu = p)
	for (code in names(measures)) {
		mine <- got[got$design == paste0("lonely_", p) & got$code == code, ]
		stopifnot(nrow(mine) == 1)
		compare(paste("lonely", p, code), mine, ref_one(lonely_design, measures[[code]]))
		n <- n + 1
	}
}
options(survey.lonely.psu = "fail")

# domains: svyby against both correct ways.  The naive GROUP BY sees only
# the PSUs with members of the group: it must differ from svyby where some
# PSU of a stratum the domain touches has no member (middle and high
# schools in the cluster sample), and agree where every such PSU has one
# (elementary schools, found in every district; the strata of apistrat)
naive_gap <- c()
naive_should_differ <- c()
for (dn in c("clus1_fpc", "strat_fpc")) {
	d <- addvars(designs[[dn]])
	b <- svyby(~any, ~stype, d, svyciprop, method = "beta", vartype = c("se", "ci"))
	bm <- svyby(~any, ~stype, d, svymean, deff = TRUE)
	for (st in as.character(b$stype)) {
		sub <- d[d$variables$stype == st, ]
		ref <- c(estimate = b[st, "any"], se = b[st, "se.as.numeric(any)"], deff = bm[st, "DEff.any"],
		         df = degf(sub), ci_low = b[st, "ci_l"], ci_high = b[st, "ci_u"])
		for (how in c("case", "domain")) {
			mine <- dom[dom$design == dn & dom$stype == st & dom$how == how, ]
			stopifnot(nrow(mine) == 1)
			compare(paste("svyby", dn, st, how), mine, ref)
			n <- n + 1
		}
		naive <- dom[dom$design == dn & dom$stype == st & dom$how == "naive", ]
		naive_gap[paste(dn, st)] <- abs(naive$se - ref[["se"]]) / ref[["se"]]
		v <- d$variables
		psu <- if (dn == "strat_fpc") v$snum else v$dnum
		str <- if (dn == "strat_fpc") as.character(v$stype) else rep("1", nrow(v))
		touched <- unique(str[v$stype == st])
		naive_should_differ[paste(dn, st)] <-
			!all(unique(psu[str %in% touched]) %in% unique(psu[v$stype == st]))
	}
}
cat(sprintf("survey_r: naive GROUP BY vs svyby, relative SE gap: %s\n",
            paste(sprintf("%s %.3g", names(naive_gap), naive_gap), collapse = ", ")))
if (!any(naive_should_differ) || all(naive_should_differ)) stop("the domains must include both kinds")
if (!all(naive_gap[naive_should_differ] > 1e-3)) {
	cat("FAIL naive GROUP BY agrees with svyby where domains cut across PSUs\n")
	fails <- fails + 1
}
if (!all(naive_gap[!naive_should_differ] < tol)) {
	cat("FAIL naive GROUP BY differs from svyby where every PSU of the domain's strata has a member\n")
	fails <- fails + 1
}
cat(sprintf("survey_r: naive GROUP BY differs from svyby (as it should) for %s\n",
            paste(names(naive_gap)[naive_should_differ], collapse = ", ")))
cat(sprintf("survey_r: %d estimates compared with R survey %s; max relative difference: %s\n", n,
            as.character(packageVersion("survey")),
            paste(sprintf("%s %.2g", names(worst), worst), collapse = ", ")))
invisible(dbDisconnect(con))
if (fails > 0) quit(status = 1)
