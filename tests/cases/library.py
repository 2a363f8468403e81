"""The case library as the self-test and the real-server matrix see it: which cases there are
(from `wirecheck list --format json`, so whatever is in cases/ when they run), which of them
belong to a plain-TCP reply profile, and running a selection with a JSON report read back."""
import json
import os
import subprocess
import tempfile

import yaml

SOURCE = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


class ToolError(Exception):
    pass


def run_tool(args, timeout=None):
    return subprocess.run(args, capture_output=True, text=True, timeout=timeout, cwd=SOURCE)


def load_cases(wc, cases_dir, profile=None):
    args = [wc, "list", cases_dir, "--format", "json"]
    if profile:
        args += ["--profile", profile]
    proc = run_tool(args, timeout=300)
    if proc.returncode != 0:
        raise ToolError("`%s` exited %d:\n%s" % (" ".join(args), proc.returncode, proc.stderr))
    cases = json.loads(proc.stdout)["cases"]
    if cases and "defects" not in cases[0]:
        raise ToolError("`wirecheck list --format json` does not report defects: rebuild wirecheck")
    return cases


def reply_profiles(cases_dir):
    """Profiles that set reply.text (name -> parameters): their cases are for plain-TCP reply
    services, run against `wirecheck serve --mode reply`, never against an HTTP server."""
    out = {}
    pdir = os.path.join(SOURCE, cases_dir, "profiles")
    if not os.path.isdir(pdir):
        return out
    for name in sorted(os.listdir(pdir)):
        if not name.endswith(".yaml"):
            continue
        with open(os.path.join(pdir, name), encoding="utf-8") as f:
            doc = yaml.safe_load(f) or {}
        params = {str(k): str(v) for k, v in (doc.get("parameters") or {}).items()}
        if "reply.text" in params:
            out[name[: -len(".yaml")]] = params
    return out


class Plan:
    """Every case, and for each the reply profile it runs under (none: plain HTTP)."""

    def __init__(self, wc, cases_dir):
        self.cases = load_cases(wc, cases_dir)
        self.by_id = {c["id"]: c for c in self.cases}
        self.profiles = reply_profiles(cases_dir)
        self.profile_of = {}
        for name in self.profiles:
            for c in load_cases(wc, cases_dir, profile=name):
                self.profile_of.setdefault(c["id"], name)

    def http_ids(self):
        return [c["id"] for c in self.cases if c["id"] not in self.profile_of]

    def groups(self):
        """(profile or None, [ids]), plain HTTP first."""
        out = []
        if self.http_ids():
            out.append((None, self.http_ids()))
        for name in sorted(self.profiles):
            ids = [c["id"] for c in self.cases if self.profile_of.get(c["id"]) == name]
            if ids:
                out.append((name, ids))
        return out


def read_report(path):
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    if report.get("schema") != "wirecheck-report/1":
        raise ToolError("%s: unexpected report schema %r" % (path, report.get("schema")))
    return {c["id"]: c for c in report["cases"]}


def first_reason(case):
    """The first unmet expectation of a case result, in one line."""
    for r in (case or {}).get("reasons") or []:
        if r.get("verdict") in ("fail", "warn", "error") and r.get("message"):
            return r["message"]
    return ""


def run_cases(wc, cases_dir, ids, target=None, target_file=None, profile=None, jobs=4, scale=1.0,
              timeout=900):
    """Runs the cases `ids` (all of them when None) and returns {id: case result}."""
    with tempfile.TemporaryDirectory(prefix="wirecheck-cases-") as tmp:
        report = os.path.join(tmp, "report.json")
        args = [wc, "run", cases_dir, "--jobs", str(jobs), "--timeout-scale", str(scale),
                "--color", "never", "--report", "json=" + report]
        if target:
            args += ["--target", target]
        if target_file:
            args += ["--target-file", target_file]
        if profile:
            args += ["--profile", profile]
        for i in ids or []:
            args += ["--id", i]
        proc = run_tool(args, timeout=timeout)
        if proc.returncode not in (0, 1) or not os.path.exists(report):
            raise ToolError("`wirecheck run` exited %d:\n%s%s" % (
                proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:]))
        return read_report(report)
