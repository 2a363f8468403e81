#!/usr/bin/env python3
"""A small HTTP/1.1 file server of the kind a networking course asks for.

`--mistake` switches on one of the mistakes such servers typically make, so the grading tests
can check that each mistake costs exactly the cases it should and is explained in words:

  none               a correct server (thread per connection)
  single-threaded    serves one connection at a time: a stalled client blocks everyone
  truncated-body     takes the request body from the first read only
  no-content-length  sends no Content-Length and closes the connection to end each body
  ok-for-missing     answers 200 with an apology page for a file that does not exist
  busy-loop          one connection at a time, and spins forever when a client leaves
                     in the middle of a request body
  never-bind         runs, but never listens on its port
  bind-late          listens only after --late seconds (a slow start, not a mistake)

Only the standard library; python3 is on every machine that runs the tests.
"""
import argparse
import os
import socket
import sys
import threading
import time

TOKEN = set(b"!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
MAX_HEAD = 64 * 1024
REASONS = {200: "OK", 400: "Bad Request", 404: "Not Found", 405: "Method Not Allowed",
           431: "Request Header Fields Too Large", 501: "Not Implemented"}


class Reject(Exception):
    """A request answered with an error status; the connection closes afterwards."""

    def __init__(self, status):
        super().__init__(status)
        self.status = status


class Gone(Exception):
    """The client left before the request was complete."""


class Connection:
    def __init__(self, sock, args):
        self.sock = sock
        self.args = args
        self.buf = b""

    def fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise Gone()
        self.buf += data

    def read_head(self):
        while True:
            # An empty line before the request line is ignored (RFC 9112 section 2.2).
            while self.buf.startswith(b"\r\n"):
                self.buf = self.buf[2:]
            end = self.buf.find(b"\r\n\r\n")
            if end >= 0:
                head, self.buf = self.buf[:end], self.buf[end + 4:]
                return head
            if b"\n\n" in self.buf.replace(b"\r\n", b"\n") and b"\r\n\r\n" not in self.buf:
                raise Reject(400)  # lines ending in a bare LF
            if len(self.buf) > MAX_HEAD:
                raise Reject(431)
            self.fill()

    def read_exact(self, n):
        if self.args.mistake == "truncated-body":
            # The mistake: whatever the first read brought is taken as the whole body.
            body, self.buf = self.buf[:n], self.buf[n:]
            return body
        while len(self.buf) < n:
            if self.args.mistake == "busy-loop":
                data = self.sock.recv(65536)
                if not data:
                    continue  # the mistake: an empty read means "try again", forever
                self.buf += data
            else:
                self.fill()
        body, self.buf = self.buf[:n], self.buf[n:]
        return body

    def read_line(self):
        while b"\r\n" not in self.buf:
            if len(self.buf) > MAX_HEAD:
                raise Reject(400)
            self.fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def read_chunked(self):
        body = b""
        while True:
            size_text = self.read_line().split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise Reject(400)
            if size == 0:
                while self.read_line() != b"":
                    pass  # trailer fields are read and dropped
                return body
            body += self.read_exact(size)
            if self.read_exact(2) != b"\r\n":
                raise Reject(400)


def parse_head(head):
    lines = head.split(b"\r\n")
    parts = lines[0].split(b" ")
    if len(parts) != 3 or not parts[0] or any(c not in TOKEN for c in parts[0]):
        raise Reject(400)
    method, target, version = parts
    if version not in (b"HTTP/1.0", b"HTTP/1.1"):
        raise Reject(400)
    fields = []
    for line in lines[1:]:
        if line[:1] in (b" ", b"\t"):
            raise Reject(400)  # obs-fold, or whitespace before the first field
        name, colon, value = line.partition(b":")
        if not colon or not name or any(c not in TOKEN for c in name):
            raise Reject(400)  # includes whitespace between the name and the colon
        value = value.strip(b" \t")
        if any(c in value for c in (0, 10, 13)):
            raise Reject(400)
        fields.append((name.lower(), value))
    return method.decode(), target.decode("latin-1"), version.decode(), fields


def values(fields, name):
    return [v for n, v in fields if n == name]


def body_length(version, fields):
    """Returns ("none"|"length"|"chunked", n); rejects what RFC 9112 section 6 rejects."""
    te = values(fields, b"transfer-encoding")
    cl = values(fields, b"content-length")
    if te:
        if version == "HTTP/1.0" or cl:
            raise Reject(400)
        # A list: empty elements are ignored, only SP and HTAB surround an element.
        codings = [c.strip(b" \t").lower() for c in b",".join(te).split(b",")]
        codings = [c for c in codings if c]
        if not codings or any(ch not in TOKEN for c in codings for ch in c):
            raise Reject(400)
        if codings[-1] != b"chunked" or codings.count(b"chunked") > 1:
            raise Reject(400)  # the body length cannot be determined
        if any(c != b"chunked" for c in codings):
            raise Reject(501)
        return "chunked", 0
    if cl:
        items = {c.strip() for c in b",".join(cl).split(b",")}
        if len(items) != 1:
            raise Reject(400)
        text = items.pop()
        if not text.isdigit():
            raise Reject(400)
        return "length", int(text)
    return "none", 0


def respond(conn, args, version, status, body, head_only, close, extra=()):
    lines = ["%s %d %s" % (version if version == "HTTP/1.1" else "HTTP/1.1", status,
                           REASONS.get(status, "Unknown"))]
    lines.append("Content-Type: text/plain; charset=utf-8")
    if args.mistake == "no-content-length":
        close = True  # the body ends where the connection does
    else:
        lines.append("Content-Length: %d" % len(body))
    lines.extend(extra)
    if close:
        lines.append("Connection: close")
    data = ("\r\n".join(lines) + "\r\n\r\n").encode()
    if not head_only:
        data += body
    conn.sock.sendall(data)
    return close


def handle_one(conn, args):
    """Reads and answers one request; returns True when the connection must close."""
    head = conn.read_head()
    method, target, version, fields = parse_head(head)
    hosts = values(fields, b"host")
    if len(hosts) > 1 or (version == "HTTP/1.1" and not hosts):
        raise Reject(400)
    if target.startswith("http://"):
        target = "/" + target[len("http://"):].partition("/")[2]
    if not target.startswith("/"):
        raise Reject(400)
    kind, length = body_length(version, fields)
    tokens = [t.strip().lower() for t in b",".join(values(fields, b"connection")).split(b",")]
    close = b"close" in tokens or (version == "HTTP/1.0" and b"keep-alive" not in tokens)
    expects = [e.strip().lower() for e in values(fields, b"expect")]
    if b"100-continue" in expects and version == "HTTP/1.1" and (kind == "chunked" or length):
        conn.sock.sendall(b"HTTP/1.1 100 Continue\r\n\r\n")
    body = conn.read_chunked() if kind == "chunked" else conn.read_exact(length)

    path = target.split("?", 1)[0]
    if method == "POST" and path == "/echo":
        return respond(conn, args, version, 200, body, False, close)
    if method not in ("GET", "HEAD"):
        status = 405 if method in ("POST", "PUT", "DELETE", "OPTIONS", "PATCH") else 501
        return respond(conn, args, version, status, REASONS[status].encode() + b"\n", False, True)
    if path == "/":
        path = "/index.html"
    file = os.path.realpath(os.path.join(args.root, path.lstrip("/")))
    inside = file.startswith(os.path.realpath(args.root) + os.sep)
    if inside and os.path.isfile(file):
        with open(file, "rb") as f:
            content = f.read()
        return respond(conn, args, version, 200, content, method == "HEAD", close)
    if args.mistake == "ok-for-missing":
        return respond(conn, args, version, 200, b"Sorry, no such page.\n", method == "HEAD", close)
    return respond(conn, args, version, 404, b"Not Found\n", method == "HEAD", close)


def serve_connection(sock, args):
    conn = Connection(sock, args)
    try:
        while True:
            try:
                if handle_one(conn, args):
                    break
            except Reject as r:
                respond(conn, args, "HTTP/1.1", r.status, REASONS[r.status].encode() + b"\n",
                        False, True)
                break
    except (Gone, ConnectionError, BrokenPipeError):
        pass
    finally:
        sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", default=os.path.join(os.path.dirname(__file__), "www"))
    parser.add_argument("--mistake", default="none",
                        choices=["none", "single-threaded", "truncated-body", "no-content-length",
                                 "ok-for-missing", "busy-loop", "never-bind", "bind-late"])
    parser.add_argument("--late", type=float, default=1.5)
    args = parser.parse_args()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if args.mistake == "never-bind":
        print("starting up...", file=sys.stderr, flush=True)
        time.sleep(3600)  # forgot to call bind() and listen()
        return
    if args.mistake == "bind-late":
        time.sleep(args.late)  # loading something slow before listening
    listener.bind((args.host, args.port))
    listener.listen(64)
    print("listening on %s:%d" % (args.host, args.port), file=sys.stderr, flush=True)
    one_at_a_time = args.mistake in ("single-threaded", "busy-loop")
    while True:
        sock, _ = listener.accept()
        if one_at_a_time:
            serve_connection(sock, args)
        else:
            threading.Thread(target=serve_connection, args=(sock, args), daemon=True).start()


if __name__ == "__main__":
    main()
