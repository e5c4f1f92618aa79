#!/usr/bin/env python3
"""The live console's benchmark client (scripts/bench, BENCH_ONLY=sse): opens N event streams
on one instance, then sends W writes (alternating accept and revoke of one owner check through
its form) one after the other; for each, the time from sending it (its commit is inside) to its
`state` event having arrived on every stream. Reads the server's VmRSS before the streams open,
once they are open, and after the writes. Prints one line of JSON.

Usage: bench-sse.py HOST PORT SERVER_PID COOKIE CSRF TENANT ITEM VERSION [STREAMS] [WRITES]
"""

import asyncio
import json
import sys
import time
import uuid


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


class Streams:
    def __init__(self, count):
        self.count = count
        self.states = [0] * count
        # For the k-th state event: on how many streams it arrived, when on the last of them.
        self.arrived = {}
        self.last = {}
        self.complete = asyncio.Event()
        self.open = 0
        self.ended = 0

    def state(self, index):
        k = self.states[index]
        self.states[index] += 1
        self.arrived[k] = self.arrived.get(k, 0) + 1
        if self.arrived[k] == self.count:
            self.last[k] = time.monotonic()
            self.complete.set()


async def read_stream(host, port, path, cookie, streams, index, opened):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n"
        f"Accept-Encoding: gzip\r\nCookie: {cookie}\r\n\r\n".encode()
    )
    await writer.drain()
    status = await reader.readline()
    if b" 200 " not in status:
        raise SystemExit(f"stream {index}: {status!r}")
    while (await reader.readline()) not in (b"\r\n", b""):
        pass
    streams.open += 1
    if streams.open == streams.count:
        opened.set()
    # Counts `event: state` lines in what arrives, in blocks (a line per read would make the
    # client, not the server, what is measured), keeping a tail split between two reads.
    marker, tail = b"\nevent: state\n", b""
    while True:
        block = await reader.read(65536)
        if not block:
            streams.ended += 1
            return
        text = tail + block
        for _ in range(text.count(marker)):
            streams.state(index)
        tail = text[-(len(marker) - 1):]
        if marker in tail:
            tail = b""


async def post(host, port, path, cookie, body):
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(
        f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\nOrigin: http://{host}:{port}\r\n"
        f"Cookie: {cookie}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n{body}".encode()
    )
    await writer.drain()
    status = await reader.readline()
    writer.close()
    return int(status.split()[1])


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


async def main():
    host, port, pid, cookie, csrf, tenant, item, version = sys.argv[1:9]
    count = int(sys.argv[9]) if len(sys.argv) > 9 else 1000
    writes = int(sys.argv[10]) if len(sys.argv) > 10 else 50
    port, pid = int(port), int(pid)
    rss_before = rss_kib(pid)
    streams = Streams(count)
    opened = asyncio.Event()
    path = f"/t/{tenant}/events?v={version}&lang=en"
    tasks = []
    for index in range(count):
        tasks.append(asyncio.create_task(read_stream(host, port, path, cookie, streams, index, opened)))
        if index % 100 == 99:
            await asyncio.sleep(0.05)
    await asyncio.wait_for(opened.wait(), 60)
    await asyncio.sleep(1)
    rss_open = rss_kib(pid)

    latencies, item_version, accepting = [], 0, True
    for k in range(writes):
        action = "accept" if accepting else "revoke"
        body = (
            f"csrf={csrf}&version={item_version}&idempotency_key={uuid.uuid4()}"
            "&note=Benchmark+evidence+note"
        )
        sent = time.monotonic()
        status = await post(host, port, f"/t/{tenant}/items/{item}/{action}?lang=en", cookie, body)
        if status != 303:
            raise SystemExit(f"write {k} answered {status}")
        item_version, accepting = item_version + 1, not accepting
        while k not in streams.last:
            streams.complete.clear()
            try:
                await asyncio.wait_for(streams.complete.wait(), 10)
            except asyncio.TimeoutError:
                missing = count - streams.arrived.get(k, 0)
                raise SystemExit(f"write {k}: {missing} streams without its event after 10 s")
        latencies.append((streams.last[k] - sent) * 1000)
        await asyncio.sleep(0.1)
    rss_after = rss_kib(pid)
    print(json.dumps({
        "streams": count,
        "writes": writes,
        "ended": streams.ended,
        "rss_before_kib": rss_before,
        "rss_open_kib": rss_open,
        "rss_after_kib": rss_after,
        "p50_ms": percentile(latencies, 50),
        "p99_ms": percentile(latencies, 99),
        "max_ms": max(latencies),
    }))
    for task in tasks:
        task.cancel()


asyncio.run(main())
