#!/usr/bin/python3
# The dynamic resources of the real-server matrix, for servers that run CGI (Apache, lighttpd):
# what a request resolves to decides the answer, the server does the HTTP framing.
#   .../echo          200 with the request body as read by the server
#   .../post          200 saying how many body bytes arrived
#   .../status/NNN    that status (204 with no content, 3xx with Location: /index.html)
import os
import sys

path = os.environ.get("SCRIPT_NAME", "") + os.environ.get("PATH_INFO", "")
# A chunked request reaches the script without CONTENT_LENGTH: the body then ends at EOF.
length = os.environ.get("CONTENT_LENGTH", "")
body = sys.stdin.buffer.read(int(length)) if length.isdigit() else sys.stdin.buffer.read()
out = sys.stdout.buffer


def answer(status, content=b"", headers=()):
    out.write(b"Status: %s\r\n" % status.encode())
    for h in headers:
        out.write(h.encode() + b"\r\n")
    if content:
        out.write(b"Content-Type: text/plain\r\n")
    out.write(b"\r\n")
    out.write(content)


if path.endswith("/echo"):
    out.write(b"Content-Type: application/octet-stream\r\n\r\n")
    out.write(body)
elif path.endswith("/post"):
    answer("200 OK", b"received %d bytes\n" % len(body))
elif "/status/" in path:
    code = path.rsplit("/", 1)[-1]
    if code == "204":
        answer("204 No Content")
    elif code in ("301", "302", "303", "307", "308"):
        answer(code + " Redirect", b"see /index.html\n", ["Location: /index.html"])
    else:
        answer("400 Bad Request", b"unknown status\n")
else:
    answer("404 Not Found", b"no such resource\n")
