#!/usr/bin/env python3
"""Validate a PGXN META.json against the PGXN Meta Spec 1.0.x.

Usage: pgxn_meta.py [--control FILE] META.json

Checks the spec's required keys, the type and format of every key it
defines (Term, Tag, SemVer version, version range, license strings, URI,
e-mail, path), the prereq phases and relationships, and that no unknown
key appears (custom keys start with x_ or X_).  With --control, also
checks the project: the distribution's and the extension's versions equal
the control file's default_version, and every provided file and docfile
exists next to META.json.  Prints "META.json is OK" or one line per error,
exit status 1 then.
"""

import json
import os
import re
import sys
import urllib.parse

SEMVER = (r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)"
          r"(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)"
          r"(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
          r"(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?")
SEMVER_RE = re.compile(r"\A" + SEMVER + r"\Z")
RANGE_PART_RE = re.compile(r"\A(?:(?:[=!]=|[<>]=?)\s*)?(?:" + SEMVER + r")\Z")
LICENSES = {
    "agpl_3", "apache_1_1", "apache_2_0", "artistic_1", "artistic_2", "bsd",
    "freebsd", "gfdl_1_2", "gfdl_1_3", "gpl_1", "gpl_2", "gpl_3", "lgpl_2_1",
    "lgpl_3_0", "mit", "mozilla_1_0", "mozilla_1_1", "openssl", "perl_5",
    "postgresql", "qpl_1_0", "ssleay", "sun", "zlib", "open_source",
    "restricted", "unrestricted", "unknown",
}
REQUIRED = ["name", "version", "abstract", "maintainer", "license", "provides", "meta-spec"]
OPTIONAL = ["description", "generated_by", "tags", "no_index", "prereqs",
            "release_status", "resources"]
PHASES = ["configure", "build", "test", "runtime", "develop"]
RELATIONS = ["requires", "recommends", "suggests", "conflicts"]
SPEC_URLS = {"https://pgxn.org/meta/spec.txt", "http://pgxn.org/meta/spec.txt"}
CONTROL = "".join(chr(c) for c in list(range(0, 32)) + [127])


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append("%s: %s" % (where, msg))

    # -- scalar types --------------------------------------------------
    def string(self, where, v, nonempty=True):
        if not isinstance(v, str):
            self.err(where, "must be a string, not %s" % type(v).__name__)
            return False
        if nonempty and not v:
            self.err(where, "must not be empty")
            return False
        return True

    def term(self, where, v):
        if self.string(where, v):
            if len(v) < 2 or any(c in "/\\" or c.isspace() or c in CONTROL for c in v):
                self.err(where, "%r is not a Term (2 characters or more, no slash, "
                         "backslash, space or control character)" % v)

    def tag(self, where, v):
        if self.string(where, v):
            if not 2 <= len(v) <= 255 or any(c in "/\\" or c in CONTROL for c in v):
                self.err(where, "%r is not a Tag (2 to 255 characters, no slash, "
                         "backslash or control character)" % v)

    def version(self, where, v):
        if self.string(where, v) and not SEMVER_RE.match(v):
            self.err(where, "%r is not a semantic version (MAJOR.MINOR.PATCH)" % v)

    def version_range(self, where, v):
        if v == 0 and not isinstance(v, bool):
            return
        if not self.string(where, v):
            return
        if v.strip() == "0":
            return
        for part in v.split(","):
            if not RANGE_PART_RE.match(part.strip()):
                self.err(where, "%r is not a version range (0, a version, or "
                         "comma-separated [op] version with op one of == != < <= > >=)" % v)
                return

    def uri(self, where, v):
        if self.string(where, v):
            u = urllib.parse.urlparse(v)
            if not re.match(r"\A[A-Za-z][A-Za-z0-9+.-]*\Z", u.scheme or "") or \
                    not (u.netloc or u.path) or any(c.isspace() for c in v):
                self.err(where, "%r is not a URI" % v)

    def email(self, where, v):
        if self.string(where, v) and not re.match(r"\A[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+\Z", v):
            self.err(where, "%r is not an e-mail address" % v)

    def path(self, where, v):
        if not self.string(where, v):
            return
        if len(v) < 2 or v.startswith("/") or "\\" in v or re.match(r"\A[A-Za-z]:", v) \
                or ".." in v.split("/") or any(c in CONTROL for c in v):
            self.err(where, "%r is not a relative path in unix form" % v)

    # -- containers ----------------------------------------------------
    def obj(self, where, v, allowed, required_any=None, required_all=()):
        """an object whose keys are in allowed or custom (x_/X_)"""
        if not isinstance(v, dict):
            self.err(where, "must be an object, not %s" % type(v).__name__)
            return False
        for k in v:
            if k not in allowed and not re.match(r"\A[xX]_.", k):
                self.err(where, "unknown key %r (allowed: %s, or x_...)" % (k, ", ".join(allowed)))
        for k in required_all:
            if k not in v:
                self.err(where, "missing required key %r" % k)
        if required_any and not any(k in v for k in required_any):
            self.err(where, "needs at least one of %s" % ", ".join(required_any))
        return True

    def string_or_list(self, where, v, check):
        if isinstance(v, list):
            if not v:
                self.err(where, "must not be an empty list")
            if len(set(map(json.dumps, v))) != len(v):
                self.err(where, "list items must be unique")
            for i, item in enumerate(v):
                check("%s[%d]" % (where, i), item)
        else:
            check(where, v)

    # -- the spec's keys -----------------------------------------------
    def license(self, where, v):
        if isinstance(v, dict):
            if not v:
                self.err(where, "must name at least one licence")
            for name, url in v.items():
                self.string(where + " key", name)
                self.uri("%s.%s" % (where, name), url)
            return

        def one(w, s):
            if self.string(w, s) and s not in LICENSES:
                self.err(w, "%r is not a licence name of the spec (%s), nor an "
                         "object of name: URI" % (s, ", ".join(sorted(LICENSES))))
        self.string_or_list(where, v, one)

    def provides(self, where, v):
        if not isinstance(v, dict) or not v:
            self.err(where, "must be an object naming at least one extension")
            return
        for name, ext in v.items():
            w = "%s.%s" % (where, name)
            self.term(w + " (name)", name)
            if not self.obj(w, ext, ["file", "version", "abstract", "docfile", "docpath"],
                            required_all=["file", "version"]):
                continue
            if "file" in ext:
                self.path(w + ".file", ext["file"])
            if "version" in ext:
                self.version(w + ".version", ext["version"])
            if "abstract" in ext:
                self.string(w + ".abstract", ext["abstract"])
            if "docfile" in ext:
                self.path(w + ".docfile", ext["docfile"])
            if "docpath" in ext:
                self.string(w + ".docpath", ext["docpath"])

    def meta_spec(self, where, v):
        if not self.obj(where, v, ["version", "url"], required_all=["version"]):
            return
        if "version" in v and self.string(where + ".version", v["version"]) and \
                not re.match(r"\A1\.0\.\d+\Z", v["version"]):
            self.err(where + ".version", "%r: this validator reads meta-spec 1.0.x" % v["version"])
        if "url" in v and v["url"] not in SPEC_URLS:
            self.err(where + ".url", "%r is not the spec's URL (%s)" % (v["url"], ", ".join(sorted(SPEC_URLS))))

    def tags(self, where, v):
        if not isinstance(v, list) or not v:
            self.err(where, "must be a non-empty list")
            return
        self.string_or_list(where, v, self.tag)

    def no_index(self, where, v):
        if not self.obj(where, v, ["file", "directory"], required_any=["file", "directory"]):
            return
        for k in ("file", "directory"):
            if k in v:
                self.string_or_list("%s.%s" % (where, k), v[k], self.path)

    def prereqs(self, where, v):
        if not self.obj(where, v, PHASES, required_any=PHASES):
            return
        for phase in PHASES:
            if phase not in v:
                continue
            wp = "%s.%s" % (where, phase)
            if not self.obj(wp, v[phase], RELATIONS, required_any=RELATIONS):
                continue
            for rel in RELATIONS:
                if rel not in v[phase]:
                    continue
                wr = "%s.%s" % (wp, rel)
                deps = v[phase][rel]
                if not isinstance(deps, dict) or not deps:
                    self.err(wr, "must be an object of extension: version range, not empty")
                    continue
                for name, rng in deps.items():
                    self.term("%s (name %r)" % (wr, name), name)
                    self.version_range("%s.%s" % (wr, name), rng)

    def resources(self, where, v):
        if not self.obj(where, v, ["homepage", "bugtracker", "repository"],
                        required_any=["homepage", "bugtracker", "repository"]):
            return
        if "homepage" in v:
            self.uri(where + ".homepage", v["homepage"])
        if "bugtracker" in v:
            b = v["bugtracker"]
            if self.obj(where + ".bugtracker", b, ["web", "mailto"], required_any=["web", "mailto"]):
                if "web" in b:
                    self.uri(where + ".bugtracker.web", b["web"])
                if "mailto" in b:
                    self.email(where + ".bugtracker.mailto", b["mailto"])
        if "repository" in v:
            r = v["repository"]
            if self.obj(where + ".repository", r, ["url", "web", "type"]):
                if not ("web" in r or ("url" in r and "type" in r)):
                    self.err(where + ".repository", "needs web, or url and type")
                for k in ("url", "web"):
                    if k in r:
                        self.uri("%s.repository.%s" % (where, k), r[k])
                if "type" in r and self.string(where + ".repository.type", r["type"]) and \
                        not re.match(r"\A[a-z]+\Z", r["type"]):
                    self.err(where + ".repository.type", "%r must be lower-case letters" % r["type"])

    def meta(self, m):
        if not isinstance(m, dict):
            self.err("META.json", "must hold a JSON object")
            return
        self.obj("META.json", m, REQUIRED + OPTIONAL, required_all=REQUIRED)
        checks = {
            "name": self.term, "version": self.version, "abstract": self.string,
            "description": self.string, "generated_by": self.string,
            "maintainer": lambda w, v: self.string_or_list(w, v, self.string),
            "license": self.license, "provides": self.provides,
            "meta-spec": self.meta_spec, "tags": self.tags, "no_index": self.no_index,
            "prereqs": self.prereqs, "resources": self.resources,
        }
        for k, check in checks.items():
            if k in m:
                check(k, m[k])
        if "release_status" in m and m["release_status"] not in ("stable", "testing", "unstable"):
            self.err("release_status", "%r is not stable, testing or unstable" % (m["release_status"],))


def control_version(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            mt = re.match(r"\s*default_version\s*=\s*'([^']*)'", line)
            if mt:
                return mt.group(1)
    return None


def main(argv):
    control = None
    args = argv[1:]
    if len(args) >= 2 and args[0] == "--control":
        control, args = args[1], args[2:]
    if len(args) != 1:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 2
    path = args[0]
    c = Checker()
    try:
        with open(path, encoding="utf-8") as f:
            m = json.load(f)
    except (OSError, ValueError) as e:
        print("%s is invalid: %s" % (path, e))
        return 1
    c.meta(m)
    if control and isinstance(m, dict):
        want = control_version(control)
        base = os.path.dirname(os.path.abspath(path))
        if want is None:
            c.err(control, "no default_version")
        else:
            if m.get("version") != want:
                c.err("version", "%r differs from %s's default_version %r" % (m.get("version"), control, want))
            ext = os.path.basename(control)[:-len(".control")] if control.endswith(".control") else None
            provided = m.get("provides") if isinstance(m.get("provides"), dict) else {}
            if ext and ext not in provided:
                c.err("provides", "does not name the extension %r" % ext)
            elif ext and isinstance(provided[ext], dict) and provided[ext].get("version") != want:
                c.err("provides.%s.version" % ext, "%r differs from %s's default_version %r"
                      % (provided[ext].get("version"), control, want))
        for name, e in provided.items():
            if isinstance(e, dict):
                for k in ("file", "docfile"):
                    if isinstance(e.get(k), str) and not os.path.isfile(os.path.join(base, e[k])):
                        c.err("provides.%s.%s" % (name, k), "%r does not exist" % e[k])
    if c.errors:
        print("%s is invalid:" % path)
        for e in c.errors:
            print("  " + e)
        return 1
    print("%s is OK" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
