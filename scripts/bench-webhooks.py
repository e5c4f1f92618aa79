#!/usr/bin/env python3
"""The webhooks benchmark's pacer and reader (scripts/bench, BENCH_ONLY=webhooks).

`pace HOST PORT KEY TENANT ITEM RATE SECONDS`: sends RATE API writes a second for SECONDS
(alternating accept and revoke of one owner check owned by the attest KEY's account, each with
a fresh Idempotency-Key), over one keep-alive connection; prints how many were sent.

`read LOG`: reads the receiver's log (one JSON line per delivery) and prints one line of JSON:
deliveries, distinct events, repeats, first and last arrival, and the time from each event to
its first arrival (p50, p99, max, in ms).
"""

import datetime
import http.client
import json
import sys
import time
import uuid


def pace(host, port, key, tenant, item, rate, seconds):
    conn = http.client.HTTPConnection(host, int(port))
    rate, seconds = float(rate), float(seconds)
    accepting, sent, start = True, 0, time.monotonic()
    while sent < rate * seconds:
        due = start + sent / rate
        now = time.monotonic()
        if due > now:
            time.sleep(due - now)
        action = "accept" if accepting else "revoke"
        conn.request(
            "POST",
            f"/v1/tenants/{tenant}/items/{item}/{action}",
            body=json.dumps({"note": "Benchmark evidence note"}),
            headers={
                "Authorization": f"Bearer {key}",
                "Content-Type": "application/json",
                "Idempotency-Key": str(uuid.uuid4()),
            },
        )
        answer = conn.getresponse()
        answer.read()
        if answer.status != 200:
            sys.exit(f"write refused: {answer.status}")
        accepting = not accepting
        sent += 1
    print(sent)


def parse(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def read(log):
    lines = [json.loads(line) for line in open(log) if line.strip()]
    first = {}
    for line in lines:
        if line["id"] not in first:
            first[line["id"]] = line
    waits = sorted(
        (parse(l["arrived"]) - parse(l["at"])).total_seconds() * 1000 for l in first.values()
    )
    arrivals = sorted(parse(l["arrived"]) for l in lines)

    def pct(p):
        return waits[min(len(waits) - 1, int(p / 100 * len(waits)))] if waits else float("nan")

    print(json.dumps({
        "deliveries": len(lines),
        "events": len(first),
        "repeats": sum(1 for l in lines if l["repeat"]),
        "span_s": (arrivals[-1] - arrivals[0]).total_seconds() if len(arrivals) > 1 else 0.0,
        "p50_ms": pct(50),
        "p99_ms": pct(99),
        "max_ms": waits[-1] if waits else float("nan"),
    }))


if __name__ == "__main__":
    {"pace": pace, "read": read}[sys.argv[1]](*sys.argv[2:])
