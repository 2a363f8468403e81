"""What the benchmark scripts share: the release binary, free loopback ports, a server process
started and stopped with deadlines, nginx with a fixed answer on `location = /`, and wrk.

Imported by scripts/bench-server and scripts/bench-runner (and bench-grade for free_port).
"""
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RELEASE_BUILD = os.path.join(ROOT, "build", "release")


def release_binary(binary):
    """`binary` when given, else the wirecheck of the release preset, built first."""
    if binary:
        return binary
    subprocess.run(["cmake", "--preset", "release"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    subprocess.run(["cmake", "--build", RELEASE_BUILD, "--target", "wirecheck", "-j2"], cwd=ROOT,
                   check=True, stdout=subprocess.DEVNULL)
    return os.path.join(RELEASE_BUILD, "wirecheck")


def require_nginx_and_wrk(prog):
    """The nginx executable; exits naming the missing Debian package otherwise."""
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not os.path.exists(f"/usr/sbin/{tool}"):
            sys.exit(f"{prog}: {tool} is not installed (Debian package {tool})")
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_listening(port, limit=20.0):
    until = time.time() + limit
    while time.time() < until:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return True
        except OSError:
            time.sleep(0.05)
    return False


def children(pid):
    try:
        out = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout
        return [int(p) for p in out.split()]
    except OSError:
        return []


class Server:
    """A server process in its own session, listening on `port` within 20 s or the script
    exits with its stderr."""

    def __init__(self, prog, name, argv, port):
        self.name = name
        self.port = port
        self.proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                     start_new_session=True)
        if not wait_listening(port):
            err = self.proc.stderr.read().decode(errors="replace") if self.proc.poll() else ""
            self.stop()
            sys.exit(f"{prog}: {name} did not start listening on {port}\n{err}")

    def pids(self):
        """The process and its children (nginx: the master and its workers)."""
        return [self.proc.pid] + children(self.proc.pid)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def start_nginx(prog, nginx, directory, port, workers, body, content_type, deferred=False):
    """nginx on 127.0.0.1:`port` answering `location = /` with `body`; everything it writes
    stays in `directory`. `deferred`: its listening socket uses TCP_DEFER_ACCEPT."""
    quoted = body.replace("\\", "\\\\").replace("'", "\\'")
    conf = f"""
worker_processes {workers};
pid {directory}/nginx.pid;
error_log {directory}/error.log crit;
daemon off;
events {{
    worker_connections 8192;
}}
http {{
    access_log off;
    client_body_temp_path {directory}/body;
    proxy_temp_path {directory}/proxy;
    fastcgi_temp_path {directory}/fastcgi;
    uwsgi_temp_path {directory}/uwsgi;
    scgi_temp_path {directory}/scgi;
    keepalive_requests 1000000;
    keepalive_timeout 65;
    server {{
        listen 127.0.0.1:{port}{" deferred" if deferred else ""};
        location = / {{
            default_type "{content_type}";
            return 200 '{quoted}';
        }}
    }}
}}
"""
    path = os.path.join(directory, "nginx.conf")
    with open(path, "w") as f:
        f.write(conf)
    return Server(prog, "nginx", [nginx, "-p", directory, "-c", path], port)


def run_wrk(port, connections, duration, close):
    """wrk against http://127.0.0.1:`port`/; returns (requests/s, errors, requests)."""
    argv = ["wrk", "-t", str(min(connections, 2)), "-c", str(connections), "-d", f"{duration}s",
            f"http://127.0.0.1:{port}/"]
    if close:
        argv[1:1] = ["-H", "Connection: close"]
    out = subprocess.run(argv, capture_output=True, text=True, timeout=duration + 60).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    rps = float(m.group(1)) if m else 0.0
    m = re.search(r"(\d+) requests in", out)
    requests = int(m.group(1)) if m else 0
    errors = 0
    m = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    if m:
        # With Connection: close, wrk counts each orderly close as a read "error"; only the
        # other kinds mean something went wrong.
        errors += int(m.group(1)) + int(m.group(3)) + int(m.group(4))
        if not close:
            errors += int(m.group(2))
    m = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if m:
        errors += int(m.group(1))
    return rps, errors, requests


def load_average():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])
