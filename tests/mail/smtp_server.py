"""A real SMTP server for the mail tests (PyPI's aiosmtpd, installed by scripts/test).

Usage: smtp_server.py PORT OUT_DIR MODE USER PASSWORD
MODE is "accept" (each message is written to OUT_DIR as one JSON file: envelope, headers,
subject, plain and HTML parts) or "refuse" (every message is answered 550).
AUTH (PLAIN/LOGIN) is required with USER/PASSWORD; over plain TCP, as a test server may.
Prints "ready" once it listens; runs until killed.
"""

import email
import email.policy
import json
import os
import sys
import time
import uuid

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

PORT, OUT, MODE, USER, PASSWORD = sys.argv[1:6]


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = (
        isinstance(auth_data, LoginPassword)
        and auth_data.login.decode() == USER
        and auth_data.password.decode() == PASSWORD
    )
    return AuthResult(success=ok)


class Handler:
    async def handle_DATA(self, server, session, envelope):
        if MODE == "refuse":
            return "550 5.7.1 This mailbox refuses the console's mail"
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        parts = {}
        for part in message.walk():
            if part.get_content_maintype() == "text":
                parts[part.get_content_type()] = part.get_content()
        received = {
            "mail_from": envelope.mail_from,
            "rcpt": envelope.rcpt_tos,
            "subject": str(message["subject"]),
            "to": str(message["to"]),
            "content_type": message.get_content_type(),
            "headers": {k.lower(): str(v) for k, v in message.items()},
            "text": parts.get("text/plain"),
            "html": parts.get("text/html"),
        }
        name = f"{time.time_ns()}-{uuid.uuid4().hex}.json"
        tmp = os.path.join(OUT, name + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(received, f)
        os.rename(tmp, os.path.join(OUT, name))
        return "250 OK"


controller = Controller(
    Handler(),
    hostname="127.0.0.1",
    port=int(PORT),
    authenticator=authenticate,
    auth_required=True,
    auth_require_tls=False,
)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
finally:
    controller.stop()
