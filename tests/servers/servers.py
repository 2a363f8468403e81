"""Starting the real servers of the conformance matrix on loopback, each from the small
configuration kept beside this file (tests/servers/<name>/), in a fresh temporary prefix with
the same site: html/index.html and the CGI script for servers that run one.

    with start("nginx") as s:      # raises NotInstalled when the server is missing
        ... s.port, s.version ...
"""
import contextlib
import os
import pwd
import grp
import shutil
import signal
import socket
import subprocess
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))

INDEX = b"<!DOCTYPE html>\n<title>wirecheck</title>\n<p>hello from the wirecheck matrix</p>\n"


class NotInstalled(Exception):
    pass


class StartFailed(Exception):
    pass


def _which(*candidates):
    for c in candidates:
        path = shutil.which(c) or (c if os.path.isabs(c) and os.access(c, os.X_OK) else None)
        if path:
            return path
    return None


def _unprivileged():
    """The user and group worker processes drop to when the test runs as root."""
    for name in ("www-data", "nobody"):
        try:
            u = pwd.getpwnam(name)
            return name, grp.getgrgid(u.pw_gid).gr_name
        except KeyError:
            continue
    u = pwd.getpwuid(os.getuid())
    return u.pw_name, grp.getgrgid(u.pw_gid).gr_name


def _version(args):
    try:
        p = subprocess.run(args, capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return "unknown"
    text = (p.stdout + p.stderr).strip().splitlines()
    return text[0].strip() if text else "unknown"


# name -> (binaries to look for, config template, command(binary, prefix, conf), version command)
SERVERS = {
    "nginx": (("nginx", "/usr/sbin/nginx"), "nginx/nginx.conf.in",
              lambda b, p, c: [b, "-p", p, "-c", c, "-e", os.path.join(p, "error.log")],
              lambda b: [b, "-v"]),
    "apache": (("apache2", "/usr/sbin/apache2", "httpd"), "apache/httpd.conf.in",
               lambda b, p, c: [b, "-f", c, "-DFOREGROUND"],
               lambda b: [b, "-v"]),
    "lighttpd": (("lighttpd", "/usr/sbin/lighttpd"), "lighttpd/lighttpd.conf.in",
                 lambda b, p, c: [b, "-D", "-f", c],
                 lambda b: [b, "-v"]),
    "h2o": (("h2o", "/usr/bin/h2o"), "h2o/h2o.conf.in",
            lambda b, p, c: [b, "-c", c],
            lambda b: [b, "--version"]),
    "node": (("node", "nodejs"), None,
             lambda b, p, c: [b, os.path.join(HERE, "node", "server.js"), c],
             lambda b: [b, "--version"]),
}


class Running:
    def __init__(self, name, proc, port, prefix, version):
        self.name = name
        self.proc = proc
        self.port = port
        self.prefix = prefix
        self.version = version

    def log_tail(self, n=20):
        out = []
        for f in ("error.log", "run/error.log", "stdout.log"):
            p = os.path.join(self.prefix, f)
            if os.path.exists(p):
                with open(p, errors="replace") as fh:
                    out += fh.read().splitlines()[-n:]
        return "\n".join(out)


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _accepts(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
        return True
    except OSError:
        return False


def _prepare(prefix, user, group):
    os.chmod(prefix, 0o755)
    for d in ("html", "cgi", "run", "body"):
        os.makedirs(os.path.join(prefix, d), exist_ok=True)
    with open(os.path.join(prefix, "html", "index.html"), "wb") as f:
        f.write(INDEX)
    cgi = os.path.join(prefix, "cgi", "wirecheck.cgi")
    shutil.copyfile(os.path.join(HERE, "common", "wirecheck.cgi"), cgi)
    os.chmod(cgi, 0o755)
    if os.getuid() == 0:
        # Workers run as `user`: they write their runtime files here.
        uid = pwd.getpwnam(user).pw_uid
        gid = grp.getgrnam(group).gr_gid
        for d in ("run", "body"):
            os.chown(os.path.join(prefix, d), uid, gid)


def _render(template, prefix, port, user, group):
    with open(os.path.join(HERE, template), encoding="utf-8") as f:
        text = f.read()
    for k, v in (("@PREFIX@", prefix), ("@PORT@", str(port)), ("@USER@", user), ("@GROUP@", group)):
        text = text.replace(k, v)
    conf = os.path.join(prefix, os.path.basename(template)[: -len(".in")])
    with open(conf, "w", encoding="utf-8") as f:
        f.write(text)
    return conf


def _stop(proc):
    if proc.poll() is not None:
        return
    # nginx stops at once on SIGTERM (graceful is SIGQUIT); the others stop on SIGTERM too.
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextlib.contextmanager
def start(name, attempts=5):
    if name not in SERVERS:
        raise KeyError(name)
    binaries, template, command, version_cmd = SERVERS[name]
    binary = _which(*binaries)
    if not binary:
        raise NotInstalled("%s is not installed (looked for %s)" % (name, ", ".join(binaries)))
    version = _version(version_cmd(binary))
    user, group = _unprivileged()
    prefix = tempfile.mkdtemp(prefix="wirecheck-%s-" % name)
    proc = None
    try:
        _prepare(prefix, user, group)
        last = ""
        for _ in range(attempts):
            port = _free_port()
            conf = _render(template, prefix, port, user, group) if template else str(port)
            log = open(os.path.join(prefix, "stdout.log"), "wb")
            # Its own process group: stopping it also stops the workers it forked.
            proc = subprocess.Popen(command(binary, prefix, conf), stdout=log, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, cwd=prefix, start_new_session=True)
            log.close()
            deadline = time.monotonic() + 15
            while time.monotonic() < deadline and proc.poll() is None and not _accepts(port):
                time.sleep(0.1)
            if proc.poll() is None and _accepts(port):
                yield Running(name, proc, port, prefix, version)
                return
            _stop(proc)
            last = Running(name, proc, port, prefix, version).log_tail()
            proc = None
        raise StartFailed("%s did not start on loopback:\n%s" % (name, last))
    finally:
        if proc is not None:
            _stop(proc)
        shutil.rmtree(prefix, ignore_errors=True)
