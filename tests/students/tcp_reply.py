#!/usr/bin/env python3
"""The socket-programming tutorial server: every message a client sends gets one fixed reply.

The exercise asks for the reply in GBK. `--encoding utf-8` is the typical mistake of a student
whose editor and terminal are UTF-8: the characters look right to them, the bytes are wrong.
Each client gets its own thread, so two clients can be served in either order.
"""
import argparse
import socket
import sys
import threading

REPLY = "ok，问题正在处理中..."


def serve(sock, encoding):
    with sock:
        while True:
            try:
                data = sock.recv(4096)
            except ConnectionError:
                return
            if not data:
                return
            print("got %d bytes" % len(data), file=sys.stderr, flush=True)
            try:
                sock.sendall(REPLY.encode(encoding))
            except ConnectionError:
                return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--encoding", default="gbk")
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((args.host, args.port))
    listener.listen(16)
    print("listening on %s:%d, replying in %s" % (args.host, args.port, args.encoding),
          file=sys.stderr, flush=True)
    while True:
        sock, _ = listener.accept()
        threading.Thread(target=serve, args=(sock, args.encoding), daemon=True).start()


if __name__ == "__main__":
    main()
