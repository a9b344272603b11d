#!/usr/bin/env python3
"""A real SMTP server on loopback for Corridor's tests (needs `pip install aiosmtpd`).

Every accepted message is written to DIR as one JSON file (envelope, decoded subject,
Message-ID, plain-text body and the raw message), atomically, so a reader never sees half a
file. With --fail-first N the first N messages are refused at DATA with a 451 (a temporary
failure), to test retries.

Usage: smtp_sink.py --port PORT --dir DIR [--fail-first N]
Prints "smtp sink listening on 127.0.0.1:PORT" once it accepts connections.
"""

import argparse
import email
import email.policy
import itertools
import json
import os
import signal
import sys
import threading

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory, fail_first):
        self.directory = directory
        self.fail_left = fail_first
        self.counter = itertools.count(1)
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_left > 0:
                self.fail_left -= 1
                return "451 4.3.0 Sink told to fail: try again later"
            n = next(self.counter)
        raw = envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(msg.get("Subject", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "body": body.get_content().replace("\r\n", "\n") if body is not None else "",
            "raw": raw.decode("utf-8", "replace"),
        }
        name = f"{n:06d}-{os.getpid()}.json"
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(tmp, os.path.join(self.directory, name))
        return "250 2.0.0 Message accepted"


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--fail-first", type=int, default=0)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    controller = Controller(Sink(args.dir, args.fail_first), hostname="127.0.0.1", port=args.port)
    controller.start()
    print(f"smtp sink listening on 127.0.0.1:{args.port}", flush=True)

    stop = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
