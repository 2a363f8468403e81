#!/usr/bin/env python3
"""The HTML report in a real browser: headless Chromium loads reports written by
html_report_fixtures and html_example_report and checks that the matrix renders, that the
filters work (from the URL fragment on load, and through the page's controls), that a cell's
detail opens with the requirement, expected vs actual and the transcript as text and hex, and
that hostile text never becomes markup.

    report_in_browser.py --pages DIR CHECK       run one check (see CHECKS below)
    report_in_browser.py --screenshot OUT.png [--size 1400x900] [--fragment F] PAGE

Exit 0 pass, 1 fail, 77 skip (no Chromium: scripts/test installs it through
WIRECHECK_BOOTSTRAP_EXTRA="chromium" scripts/bootstrap).

Two ways in: `--dump-dom` (the DOM after the page's script ran, for filters given in the
fragment) and the DevTools protocol over --remote-debugging-pipe (clicks, typing, reading
state), both with standard library Python only. Every wait has a deadline.
"""
import argparse
import html.parser
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
DEADLINE = 60.0  # seconds for any one browser step; generous, never a measurement

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars", "--mute-audio",
]


class CheckFailed(Exception):
    pass


def expect(condition, message):
    if not condition:
        raise CheckFailed(message)


def expect_eq(actual, expected, what):
    if actual != expected:
        raise CheckFailed(f"{what}:\n  expected: {expected!r}\n  actual:   {actual!r}")


def find_chromium():
    named = os.environ.get("WIRECHECK_CHROMIUM")
    if named:
        return named if shutil.which(named) else None
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


def file_url(path, fragment=""):
    url = "file://" + os.path.abspath(path)
    return url + ("#" + fragment if fragment else "")


# ---- --dump-dom ---------------------------------------------------------------------------------

def dump_dom(chromium, url):
    profile = tempfile.mkdtemp(prefix="wc-chromium-")
    try:
        proc = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=DEADLINE * 2)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if proc.returncode != 0:
        raise CheckFailed(f"chromium --dump-dom exited {proc.returncode}: "
                          f"{proc.stderr.decode(errors='replace')[-2000:]}")
    return proc.stdout.decode("utf-8", errors="replace")


class Rows(html.parser.HTMLParser):
    """The matrix rows of a dumped DOM: (case id, hidden), and the status element's data."""

    def __init__(self):
        super().__init__()
        self.rows = []
        self.status = {}
        self.ready = False
        self.errors_hidden = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "tr" and "case" in classes:
            self.rows.append((a.get("data-id"), "hidden" in a))
        elif tag == "div" and a.get("id") == "wc-status":
            self.status = {k: v for k, v in a.items() if k.startswith("data-")}
        elif tag == "body":
            self.ready = a.get("data-ready") == "1"
        elif a.get("id") == "wc-errors":
            self.errors_hidden = "hidden" in a


def shown_rows_from_dump(dom):
    p = Rows()
    p.feed(dom)
    expect(p.ready, "the page's script did not finish (no data-ready on <body>)")
    expect(p.errors_hidden is True, "the page reported a script error")
    return [i for i, hidden in p.rows if not hidden], p


# ---- DevTools over a pipe ---------------------------------------------------------------------------

class Browser:
    """One headless Chromium driven through --remote-debugging-pipe (fd 3 in, fd 4 out)."""

    def __init__(self, chromium):
        self.profile = tempfile.mkdtemp(prefix="wc-chromium-")
        self.log = open(os.path.join(self.profile, "chromium.log"), "wb")
        to_child_r, self.w = os.pipe()
        self.r, from_child_w = os.pipe()

        def plumb():
            os.dup2(to_child_r, 3)
            os.dup2(from_child_w, 4)

        self.proc = subprocess.Popen(
            [chromium, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-pipe",
             "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            preexec_fn=plumb, close_fds=False)
        os.close(to_child_r)
        os.close(from_child_w)
        self.buffer = b""
        self.next_id = 0
        self.problems = []  # exceptions, console errors, CSP reports from the page
        targets = self.call("Target.getTargets")["targetInfos"]
        pages = [t for t in targets if t["type"] == "page"]
        target = pages[0]["targetId"] if pages else \
            self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable", session=True)

    def close(self):
        try:
            self.call("Browser.close", timeout=10)
        except Exception:  # a browser that is already gone is closed
            pass
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=15)
        os.close(self.w)
        os.close(self.r)
        self.log.close()
        shutil.rmtree(self.profile, ignore_errors=True)

    def _read_message(self, deadline):
        while b"\0" not in self.buffer:
            left = deadline - time.monotonic()
            if left <= 0:
                raise CheckFailed("no answer from chromium within the deadline")
            ready, _, _ = select.select([self.r], [], [], left)
            if not ready:
                continue
            chunk = os.read(self.r, 1 << 16)
            if not chunk:
                raise CheckFailed("chromium closed the DevTools pipe (did it crash?)")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def _note(self, event):
        method = event.get("method")
        params = event.get("params", {})
        if method == "Runtime.exceptionThrown":
            d = params["exceptionDetails"]
            self.problems.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            self.problems.append("log: " + params["entry"]["text"])
        elif method == "Runtime.consoleAPICalled" and params["type"] == "error":
            self.problems.append("console: " + " ".join(str(a.get("value")) for a in params["args"]))

    def call(self, method, params=None, session=False, timeout=DEADLINE):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        os.write(self.w, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self.next_id:
                if "error" in answer:
                    raise CheckFailed(f"{method}: {answer['error']}")
                return answer.get("result", {})
            self._note(answer)

    def eval(self, expression):
        result = self.call("Runtime.evaluate", {"expression": expression, "returnByValue": True},
                           session=True)
        if "exceptionDetails" in result:
            raise CheckFailed(f"evaluating {expression!r}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_for(self, expression, what):
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            if self.eval(expression):
                return
            time.sleep(0.05)
        raise CheckFailed(f"timed out waiting for {what}")

    def open(self, url):
        # Through about:blank, so a page opened again with another fragment loads afresh
        # instead of only firing hashchange.
        self.call("Page.navigate", {"url": "about:blank"}, session=True)
        self.wait_for("location.href === 'about:blank' && document.readyState === 'complete'",
                      "about:blank")
        self.call("Page.navigate", {"url": url}, session=True)
        self.wait_for("document.readyState === 'complete' && document.body && "
                      "document.body.getAttribute('data-ready') === '1'", "the report to load")
        self.expect_clean()

    def expect_clean(self):
        errors = self.eval("document.getElementById('wc-errors').hidden ? '' : "
                           "document.getElementById('wc-errors').textContent")
        expect(not errors, f"the page reported: {errors}")
        expect(not self.problems, "the browser reported:\n  " + "\n  ".join(self.problems))

    # Page helpers
    def shown(self):
        return self.eval("Array.from(document.querySelectorAll('#wc-matrix tr.case'))"
                         ".filter(r => !r.hidden).map(r => r.dataset.id)")

    def data(self):
        return json.loads(self.eval("document.getElementById('wc-data').textContent"))

    def click(self, selector):
        found = self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                          f" if (!e) return false; e.click(); return true; }})()")
        expect(found, f"nothing to click at {selector}")

    def type_into(self, selector, text):
        found = self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                          f" if (!e) return false; e.value = {json.dumps(text)};"
                          f" e.dispatchEvent(new Event('input', {{bubbles: true}})); return true; }})()")
        expect(found, f"no input at {selector}")

    def choose(self, selector, value):
        found = self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                          f" if (!e) return false; e.value = {json.dumps(value)};"
                          f" e.dispatchEvent(new Event('change', {{bubbles: true}})); return true; }})()")
        expect(found, f"no select at {selector}")

    def text(self, selector):
        return self.eval(f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
                         f" return e ? e.textContent : null; }})()")

    def hash(self):
        return self.eval("location.hash")


# ---- what the page should show, computed from its own data ------------------------------------

VERDICT_LETTERS = {"pass": "p", "warn": "w", "fail": "f", "error": "e", "skip": "s"}


def expected_rows(data, verdicts=None, levels=None, suite="", tag="", q="", target=""):
    """The filter rule the page documents: every filter must match; with a verdict filter a
    row shows when any shown target has one of those verdicts there."""
    shown_targets = [i for i, t in enumerate(data["targets"])
                     if not target or target.lower() in t["name"].lower()]
    letters = {VERDICT_LETTERS[v] for v in (verdicts or [])}
    out = []
    for group in data["groups"]:
        for c in group["cases"]:
            k = data["cases"][c]
            if levels and k["level"] not in levels:
                continue
            if suite and k["suite"] != suite:
                continue
            if tag and tag not in k["tags"]:
                continue
            if q and q.lower() not in (k["id"] + " " + k["title"]).lower():
                continue
            if verdicts and not any(data["cells"][t][c] in letters for t in shown_targets):
                continue
            out.append(k["id"])
    return out


def hexdump(data, offset, width):
    """The page's hex view: offset, 16 bytes in two groups of 8, the printable ASCII."""
    out = ""
    for i in range(0, len(data), 16):
        row = data[i:i + 16]
        cells = ""
        for k in range(16):
            if k == 8:
                cells += " "
            cells += f"{row[k]:02x} " if k < len(row) else "   "
        ascii_ = "".join(chr(b) if 32 <= b < 127 else "." for b in row)
        out += f"{offset + i:>{width}} | {cells} {ascii_}\n"
    return out


# ---- the checks ---------------------------------------------------------------------------------------

def check_fragment_filters(chromium, pages):
    """--dump-dom: the filter in the URL fragment is applied when the page loads."""
    page = os.path.join(pages, "one.html")
    everything = ["get-root", "te-and-cl-conflict", "response-line-endings",
                  "second-client-served", "echo-large-body", "reply-text-utf8"]
    cases = [
        ("", everything),
        ("verdict=fail", ["response-line-endings"]),
        ("verdict=fail,error", ["response-line-endings", "second-client-served"]),
        ("verdict=warn&level=SHOULD", ["reply-text-utf8"]),
        ("level=MUST", ["get-root", "te-and-cl-conflict", "response-line-endings", "echo-large-body"]),
        ("suite=rfc9112-message-body", ["te-and-cl-conflict", "echo-large-body"]),
        ("tag=framing", ["te-and-cl-conflict", "response-line-endings"]),
        ("q=ROOT", ["get-root"]),
        ("q=line%20endings", []),
        ("q=line-endings&verdict=pass", []),
    ]
    for fragment, want in cases:
        shown, parsed = shown_rows_from_dump(dump_dom(chromium, file_url(page, fragment)))
        expect_eq(shown, want, f"rows shown for #{fragment}")
        expect_eq(parsed.status.get("data-rows"), str(len(want)), f"status count for #{fragment}")
        expect_eq(len(parsed.rows), 6, f"rows in the matrix for #{fragment}")
    # The counts in view follow the filter.
    _, parsed = shown_rows_from_dump(dump_dom(chromium, file_url(page, "verdict=warn")))
    expect_eq((parsed.status.get("data-warn"), parsed.status.get("data-pass")), ("2", "0"),
              "verdicts counted in view for #verdict=warn")


def check_controls(browser, pages):
    """Filtering through the page's controls, and the fragment kept in step."""
    b = browser
    b.open(file_url(os.path.join(pages, "one.html")))
    data = b.data()
    everything = expected_rows(data)
    expect_eq(len(everything), 6, "rows at first")
    expect_eq(b.shown(), everything, "rows at first")
    expect_eq(b.eval("document.querySelectorAll('#wc-matrix td.c').length"), 6, "cells")
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-matrix td.c')).map(c => c.textContent).join(' ')"),
              "pass warn fail error skip warn", "cell words")

    for v in ("pass", "warn", "error", "skip"):
        b.click(f"#wc-verdict-{v}")
    expect_eq(b.shown(), ["response-line-endings"], "rows with only fail ticked")
    expect_eq(b.hash(), "#verdict=fail", "fragment with only fail ticked")
    b.click("#wc-verdict-error")
    expect_eq(b.shown(), expected_rows(data, verdicts=["fail", "error"]), "rows for fail and error")
    expect_eq(b.hash(), "#verdict=fail%2Cerror", "fragment for fail and error")

    b.click("#wc-reset")
    expect_eq(b.shown(), everything, "rows after reset")
    expect_eq(b.hash(), "", "fragment after reset")

    b.type_into("#wc-q", "line")
    expect_eq(b.shown(), ["response-line-endings"], "rows for the search 'line'")
    b.type_into("#wc-q", "no such case")
    expect_eq(b.shown(), [], "rows for a search that matches nothing")
    expect(b.eval("!document.getElementById('wc-empty').hidden"), "no 'nothing matches' note")
    b.type_into("#wc-q", "")

    b.choose("#wc-suite", "rfc9112-message")
    expect_eq(b.shown(), expected_rows(data, suite="rfc9112-message"), "rows for a suite")
    expect_eq(b.shown(), ["get-root", "response-line-endings"], "rows for a suite")
    b.choose("#wc-suite", "")
    b.choose("#wc-tag", "smuggling")
    expect_eq(b.shown(), ["te-and-cl-conflict"], "rows for a tag")
    b.choose("#wc-tag", "")

    b.click("#wc-level-MUST")
    expect_eq(b.shown(), expected_rows(data, levels=["SHOULD", "MAY"]), "rows without MUST")
    expect_eq(b.eval("document.getElementById('wc-level-MUST').checked"), False, "MUST box")
    b.click("#wc-level-MUST")

    # A verdict card shows that verdict alone; a second click shows everything again.
    b.click("#wc-summary [data-verdict=error]")
    expect_eq(b.shown(), ["second-client-served"], "rows after the error card")
    b.click("#wc-summary [data-verdict=error]")
    expect_eq(b.shown(), everything, "rows after the error card twice")

    # Group headings follow the rows: a group with nothing shown is hidden.
    b.type_into("#wc-q", "get-root")
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-matrix tr.grp')).filter(g => !g.hidden)"
                     ".map(g => g.firstChild.firstChild.textContent)"), ["RFC 9112 §3"], "group headings")
    b.type_into("#wc-q", "")

    # A fragment set later (a link followed within the page) applies too, controls included.
    b.eval("location.hash = '#verdict=warn&level=SHOULD'")
    b.wait_for("document.getElementById('wc-status').dataset.rows === '1'", "the hashchange")
    expect_eq(b.shown(), ["reply-text-utf8"], "rows after a hashchange")
    expect_eq(b.eval("document.getElementById('wc-verdict-pass').checked"), False, "pass box after hashchange")
    b.expect_clean()


def check_details(browser, pages):
    """A cell's detail: requirement, expected vs actual, excerpt and transcript as text and hex."""
    b = browser
    b.open(file_url(os.path.join(pages, "one.html")))
    expect(b.eval("document.getElementById('wc-detail').hidden"), "the detail is open before a click")
    b.click("tr[data-id='response-line-endings'] td.c")
    expect(not b.eval("document.getElementById('wc-detail').hidden"), "the detail did not open")
    expect_eq(b.eval("document.getElementById('wc-detail').dataset.case"), "response-line-endings", "detail case")
    expect_eq(b.hash(), "#case=response-line-endings&t=0", "fragment with the detail open")
    expect(b.eval("document.querySelector('tr[data-id=\"response-line-endings\"] td.c').classList.contains('sel')"),
           "the opened cell is not marked")
    text = b.text("#wc-detail")
    for needed in ("A sender MUST NOT generate a bare CR ... and MUST use CRLF as the line terminator",
                   "RFC 9112 §2.2", "line 2 of the response ends in LF, not CRLF",
                   "checked at cases/rfc9112/message.yaml:36:9", "see RFC 9112 §6.3",
                   "received on main, bytes 0-59, the problem at byte 35:",
                   "wirecheck run ", "printf '", "peer_closed"):
        expect(needed in text, f"the detail lacks {needed!r}")
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-detail table.ea td')).map(t => t.textContent)"),
              ["\\r\\n", "\\n", "10 body bytes", "7 body bytes, then the connection closed"],
              "expected and actual")
    # The excerpt reads exactly as in the console report (tests/data/reports/mixed.console.txt).
    expect_eq(b.text("#wc-detail .reason pre.bytes"),
              " 0 | HTTP/1.1 200 OK\\r\\n\n"
              "17 | Content-Length: 10\\n\n"
              "   |                   ^^\n"
              "36 | X-Note: 100% \"quoted\"\\r\\n\n"
              "59 | \\r\n", "the first excerpt")
    transcript = b.eval("Array.from(document.querySelectorAll('#wc-detail .transcript pre.bytes')).map(p => p.textContent)")
    expect_eq(transcript, [" 0 | GET /a%20b'c HTTP/1.1\\r\\n\n",
                           "23 | Host: 127.0.0.1:8080\\r\\n\n45 | \\r\\n\n",
                           " 0 | HTTP/1.1 200 OK\\r\\n\n17 | Content-Length: 10\\n\n"
                           "36 | X-Note: 100% \"quoted\"\\r\\n\n59 | \\r\\n\n61 | abcdefg\n"],
              "the transcript as text")
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-detail .ev .at')).map(a => a.textContent)"),
              ["+0.000 ms", "+0.120 ms", "+60.120 ms", "+61.000 ms", "+61.100 ms"], "event times")

    b.click("#wc-detail .viewtabs button[data-view=hex]")
    hex_first = b.text("#wc-detail .reason pre.bytes")
    expect(hex_first.startswith(" 0 | 48 54 54 50 2f 31 2e 31  20 32 30 30 20 4f 4b 0d  HTTP/1.1 200 OK.\n"),
           f"the first excerpt as hex: {hex_first!r}")
    expect_eq(b.text("#wc-detail .reason pre.bytes .hb"), "0a", "the marked byte in hex (offset 35)")
    expect_eq(b.text("#wc-detail .transcript pre.bytes"), hexdump(b"GET /a%20b'c HTTP/1.1\r\n", 0, 2),
              "a send as hex")
    b.click("#wc-detail h3 .viewtabs button[data-view=text]")
    expect(b.text("#wc-detail .transcript pre.bytes").startswith(" 0 | GET /a%20b'c"), "back to text")

    # Another row by its name opens its first non-passing target; Escape closes.
    b.click("tr[data-id='echo-large-body'] th.case")
    expect_eq(b.eval("document.getElementById('wc-detail').dataset.case"), "echo-large-body", "detail case")
    expect("the target lacks capability 'echo' (requires: echo)" in b.text("#wc-detail"), "skip reason")
    expect(b.eval("!document.querySelector('#wc-detail pre.bytes')"), "a skipped case shows bytes")
    b.eval("document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape'}))")
    expect(b.eval("document.getElementById('wc-detail').hidden"), "Escape did not close the detail")
    expect_eq(b.hash(), "", "fragment after closing")

    # Opening from the fragment on load.
    b.open(file_url(os.path.join(pages, "one.html"), "case=reply-text-utf8&t=0"))
    text = b.text("#wc-detail")
    expect("the reply is not UTF-8" in text, "detail opened from the fragment")
    expect(" 0 | \\xc4\\xe3\\xba\\xc3\\x00\\x1b[31m!\\xff\\n" in text, "non-UTF-8 reply bytes escaped")
    b.expect_clean()


def check_many(browser, pages):
    """Several targets: a column each, the target filter, a case one target did not run."""
    b = browser
    b.open(file_url(os.path.join(pages, "many.html")))
    data = b.data()
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-matrix th.tg')).map(t => t.textContent)"),
              ["alice", "bob", "carol", "dave"], "target columns")
    letters = b.eval("Array.from(document.querySelectorAll('#wc-matrix tr.case')).map(r => "
                     "Array.from(r.querySelectorAll('td.c')).map(c => c.className.split(' ')[1]).join(''))")
    want = ["".join(data["cells"][t][c] for t in range(4)).replace(".", "n")
            for g in data["groups"] for c in g["cases"]]
    expect_eq(letters, want, "cell classes against the data")
    expect_eq(b.shown(), expected_rows(data), "rows at first")

    b.click("#wc-verdict-pass")
    b.click("#wc-verdict-warn")
    b.click("#wc-verdict-skip")
    expect_eq(b.shown(), expected_rows(data, verdicts=["fail", "error"]), "rows with fail or error")
    b.type_into("#wc-target", "car")
    expect_eq(b.shown(), expected_rows(data, verdicts=["fail", "error"], target="car"), "carol's fail or error")
    expect_eq(b.eval("document.getElementById('wc-status').dataset.targets"), "1", "targets shown")
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-matrix th.tg')).map(t => getComputedStyle(t).display)"),
              ["none", "none", "table-cell", "none"], "columns shown for 'car'")
    expect_eq(b.hash(), "#verdict=fail%2Cerror&target=car", "fragment")

    # carol did not run echo-large-body.
    b.eval("location.hash = '#case=echo-large-body&t=2'")
    b.wait_for("document.getElementById('wc-detail').dataset.target === '2'", "carol's detail")
    expect("This target did not run this case." in b.text("#wc-detail"), "a case not run")
    expect_eq(b.eval("document.querySelectorAll('#wc-detail .others button').length"), 4, "one button per target")
    b.click("#wc-detail .others button:nth-child(1)")
    expect_eq(b.eval("document.getElementById('wc-detail').dataset.target"), "0", "switching to alice")
    expect("the target lacks capability 'echo'" in b.text("#wc-detail"), "alice's result")
    b.expect_clean()


def check_hostile(browser, pages):
    """Names, titles, messages and bytes built to become markup stay text everywhere."""
    b = browser
    page = os.path.join(pages, "hostile.html")
    injected = ("document.querySelectorAll('#pwned, img, svg, iframe, object, embed, b#pwned, i').length")
    for fragment in ("", "case=response-line-endings&t=0", "case=second-client-served&t=1",
                     "verdict=fail&target=%3C%2Fscript%3E"):
        b.open(file_url(page, fragment))
        expect_eq(b.eval(injected), 0, f"elements injected (#{fragment})")
        expect_eq(b.eval("document.title"), "wirecheck report: 2 targets", f"document title (#{fragment})")
        expect_eq(b.eval("document.scripts.length"), 4, f"script elements (#{fragment})")
    data = b.data()
    expect_eq(b.eval("Array.from(document.querySelectorAll('#wc-matrix th.tg')).map(t => t.textContent)"),
              [t["name"] for t in data["targets"]], "target names shown as text")
    b.open(file_url(page, "case=response-line-endings&t=0"))
    title = data["cases"][2]["title"]
    expect(title.startswith("</script><script>"), "the fixture's title is hostile")
    expect_eq(b.text("tr[data-id='response-line-endings'] th.case .t"), title, "the title as text in the matrix")
    text = b.text("#wc-detail")
    expect(title in text, "the hostile title as text in the detail")
    expect("&lt;img id=pwned&gt;" in text, "an entity in the data is shown as typed, not decoded")
    b.click("#wc-detail h3 .viewtabs button[data-view=hex]")
    expect_eq(b.eval(injected), 0, "elements injected after the hex view")
    b.expect_clean()


def check_big(browser, pages):
    """100 targets x 400 cases: the whole matrix renders and filters as the data says."""
    b = browser
    b.open(file_url(os.path.join(pages, "big.html")))
    data = b.data()
    expect_eq((len(data["targets"]), len(data["cases"])), (100, 400), "fixture size")
    expect_eq(b.eval("document.querySelectorAll('#wc-matrix tr.case').length"), 400, "rows")
    expect_eq(b.eval("document.querySelectorAll('#wc-matrix td.c').length"), 40000, "cells")
    expect_eq(b.eval("document.querySelectorAll('#wc-matrix tr.grp').length"), len(data["groups"]), "groups")
    combos = [
        dict(verdicts=["fail"]),
        dict(verdicts=["error", "skip"], suite="suite-3"),
        dict(levels=["SHOULD"], suite="suite-1"),
        dict(target="student-9", verdicts=["error"]),
        dict(q="number 12"),
        dict(target="student-99", verdicts=["pass"]),
    ]
    for combo in combos:
        b.click("#wc-reset")
        for v in ("pass", "warn", "fail", "error", "skip"):
            if combo.get("verdicts") and v not in combo["verdicts"]:
                b.click(f"#wc-verdict-{v}")
        for lv in ("MUST", "SHOULD", "MAY"):
            if combo.get("levels") and lv not in combo["levels"]:
                b.click(f"#wc-level-{lv}")
        if combo.get("suite"):
            b.choose("#wc-suite", combo["suite"])
        if combo.get("tag"):
            b.choose("#wc-tag", combo["tag"])
        if combo.get("q"):
            b.type_into("#wc-q", combo["q"])
        if combo.get("target"):
            b.type_into("#wc-target", combo["target"])
        want = expected_rows(data, **combo)
        expect_eq(b.shown(), want, f"rows for {combo}")
        expect(0 < len(want) < 400, f"the filter {combo} should narrow the rows")
    # Student 99 ran half the cases; its detail for the other half says so.
    b.eval("location.hash = '#case=case-300&t=99'")
    b.wait_for("document.getElementById('wc-detail').dataset.target === '99'", "student 99's detail")
    expect("did not run" in b.text("#wc-detail"), "a case student 99 did not run")
    b.expect_clean()


def check_example(browser, pages):
    """A report of real runs: every cell matches the data, and a failing cell's detail shows
    its transcript."""
    b = browser
    b.open(file_url(os.path.join(pages, "example.html")))
    data = b.data()
    expect(len(data["targets"]) >= 2 and len(data["cases"]) > 10, "the example holds real runs")
    letters = b.eval("Array.from(document.querySelectorAll('#wc-matrix tr.case')).map(r => "
                     "Array.from(r.querySelectorAll('td.c')).map(c => c.className.split(' ')[1]).join(''))")
    want = ["".join(data["cells"][t][c] for t in range(len(data["targets"]))).replace(".", "n")
            for g in data["groups"] for c in g["cases"]]
    expect_eq(letters, want, "cell classes against the data")
    failing = [(t, c) for t in range(len(data["targets"])) for c in range(len(data["cases"]))
               if data["cells"][t][c] == "f"]
    expect(failing, "no failing cell in the example (the defective servers should fail some)")
    t, c = failing[0]
    b.eval(f"location.hash = '#case={data['cases'][c]['id']}&t={t}'")
    b.wait_for(f"document.getElementById('wc-detail').dataset.target === '{t}'", "the failing cell's detail")
    expect(b.eval("document.querySelectorAll('#wc-detail .transcript pre.bytes').length") > 0,
           "the failing cell's transcript")
    expect(b.eval("document.querySelectorAll('#wc-detail .reason').length") > 0, "the failing cell's reasons")
    b.expect_clean()


DEVTOOLS_CHECKS = {
    "controls": check_controls,
    "details": check_details,
    "many-targets": check_many,
    "hostile": check_hostile,
    "big": check_big,
    "example": check_example,
}
CHECKS = ["fragment-filters"] + list(DEVTOOLS_CHECKS)


def screenshot(chromium, page, out, size, fragment):
    profile = tempfile.mkdtemp(prefix="wc-chromium-")
    try:
        proc = subprocess.run(
            [chromium, *FLAGS, f"--user-data-dir={profile}", f"--window-size={size.replace('x', ',')}",
             f"--screenshot={os.path.abspath(out)}", "--virtual-time-budget=3000",
             file_url(page, fragment)],
            stdin=subprocess.DEVNULL, capture_output=True, timeout=DEADLINE * 2)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if proc.returncode != 0 or not os.path.exists(out):
        print(proc.stderr.decode(errors="replace")[-2000:], file=sys.stderr)
        return 1
    print(f"wrote {out}")
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", help="directory with the generated reports")
    parser.add_argument("--screenshot", help="write a PNG of PAGE here instead of checking")
    parser.add_argument("--size", default="1400x900")
    parser.add_argument("--fragment", default="")
    parser.add_argument("what", help="a check (" + ", ".join(CHECKS) + ") or, with --screenshot, a page")
    args = parser.parse_args()

    chromium = find_chromium()
    if not chromium:
        print("SKIP: chromium is not installed (WIRECHECK_BOOTSTRAP_EXTRA=chromium scripts/bootstrap "
              "installs it; WIRECHECK_CHROMIUM names another binary)")
        return SKIP
    if args.screenshot:
        return screenshot(chromium, args.what, args.screenshot, args.size, args.fragment)
    if args.what not in CHECKS or not args.pages:
        parser.error("give --pages DIR and one of: " + ", ".join(CHECKS))

    try:
        if args.what == "fragment-filters":
            check_fragment_filters(chromium, args.pages)
        else:
            browser = Browser(chromium)
            try:
                DEVTOOLS_CHECKS[args.what](browser, args.pages)
            finally:
                browser.close()
    except CheckFailed as e:
        print(f"FAIL {args.what}: {e}")
        return 1
    print(f"ok {args.what}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
