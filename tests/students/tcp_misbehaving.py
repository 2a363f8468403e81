#!/usr/bin/env python3
"""tcp_reply.py's tutorial server with a misbehaviour, for the tests of grading limits:

  silent   accepts connections and never answers (every case waits for its deadline)
  forker   forks a child for each connection that answers and then never exits, the way a
           fork-per-connection server without exit() in the child piles up processes
  flaky    the very first message it ever gets is answered 3 s late (a slow first request:
           the kind of timing race a retry policy exists for); later ones at once

The reply is the tutorial's, in GBK.
"""
import argparse
import os
import socket
import sys
import threading
import time

REPLY = "ok，问题正在处理中...".encode("gbk")


def answer(sock, delay_first):
    with sock:
        while True:
            try:
                data = sock.recv(4096)
            except ConnectionError:
                return
            if not data:
                return
            if delay_first and delay_first.acquire(blocking=False):
                time.sleep(3)
            try:
                sock.sendall(REPLY)
            except ConnectionError:
                return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mode", choices=["silent", "forker", "flaky"], required=True)
    args = parser.parse_args()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.port))
    listener.listen(16)
    print("listening, mode %s" % args.mode, file=sys.stderr, flush=True)
    delay_first = threading.Lock() if args.mode == "flaky" else None
    while True:
        sock, _ = listener.accept()
        if args.mode == "silent":
            threading.Thread(target=lambda s: (s.recv(4096), time.sleep(3600)), args=(sock,),
                             daemon=True).start()
        elif args.mode == "forker":
            if os.fork() == 0:
                listener.close()
                answer(sock, None)
                time.sleep(3600)  # the mistake: the child never exits
                os._exit(0)
            sock.close()
        else:
            threading.Thread(target=answer, args=(sock, delay_first), daemon=True).start()


if __name__ == "__main__":
    main()
