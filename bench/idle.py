#!/usr/bin/env python3
"""Idle keep-alive load for bench/run: hold N keep-alive connections to one server, then time
normal requests while they are held.

  python3 bench/idle.py --port PORT --pid SERVER_PID [--conns 10000] [--path /1k.txt]
                        [--open-deadline 60] [--requests 100]

1. Reads the server's memory: RSS summed over the process tree of --pid (children, threads are in
   their process's figure).
2. Opens --conns connections (at most --parallel being set up at once); on each, sends one GET and
   reads the whole response, then leaves it idle (keep-alive). A connection that is refused, or
   whose response does not come within --timeout seconds, is an error; the open phase as a whole
   stops at --open-deadline seconds, and what has not been answered by then is an error too.
3. Waits --settle seconds, reads the server's memory again: (after - before) / connections held is
   the server's memory per idle connection.
4. Sends --requests normal requests, each on a new connection (connect, GET, whole response, close):
   what a new client sees while the idle connections are held. Each is bounded by --timeout, all of
   them by --request-deadline.
5. Counts how many held connections the server has closed meanwhile, closes the rest, and prints
   one line of JSON.
"""
import argparse
import asyncio
import json
import os
import resource
import sys
import time


def tree(pid):
    """pid and its descendants (by walking /proc's parent links)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def rss_kib(pid):
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
        except OSError:
            pass
    return total


async def read_response(reader):
    """Reads one response with a Content-Length body; returns the status code."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    status = int(lines[0].split()[1])
    length = 0
    for line in lines[1:]:
        if line[:15].lower() == b"content-length:":
            length = int(line[15:].strip())
    if length:
        await reader.readexactly(length)
    return status


async def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--conns", type=int, default=10000)
    ap.add_argument("--path", default="/1k.txt")
    ap.add_argument("--parallel", type=int, default=16)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--open-deadline", type=float, default=60.0)
    ap.add_argument("--settle", type=float, default=2.0)
    ap.add_argument("--requests", type=int, default=100)
    ap.add_argument("--request-deadline", type=float, default=30.0)
    a = ap.parse_args()

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < a.conns + 100:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.conns + 1000), hard))
        except (ValueError, OSError):
            pass

    request = f"GET {a.path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode()
    close_request = f"GET {a.path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode()
    result = {"port": a.port, "target": a.conns}
    rss_before = rss_kib(a.pid)
    result["rss_before_kib"] = rss_before

    held = []          # (reader, writer) answered and idle
    unanswered = []    # writers of connections that were accepted but not answered in time
    errors = {"refused": 0, "timeout": 0, "status": 0, "other": 0}
    sem = asyncio.Semaphore(a.parallel)
    stop_opening = asyncio.Event()

    async def one():
        async with sem:
            if stop_opening.is_set():
                errors["timeout"] += 1
                return
            writer = None
            try:
                reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), a.timeout)
                writer.write(request)
                status = await asyncio.wait_for(read_response(reader), a.timeout)
                if status != 200:
                    errors["status"] += 1
                    writer.close()
                    return
                held.append((reader, writer))
            except asyncio.TimeoutError:
                errors["timeout"] += 1
                if writer is not None:
                    unanswered.append(writer)
            except (ConnectionRefusedError, ConnectionResetError):
                errors["refused"] += 1
                if writer is not None:
                    writer.close()
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as e:
                errors["other"] += 1
                result.setdefault("first_error", repr(e))
                if writer is not None:
                    writer.close()

    t0 = time.monotonic()
    tasks = [asyncio.ensure_future(one()) for _ in range(a.conns)]
    done, pending = await asyncio.wait(tasks, timeout=a.open_deadline)
    if pending:
        stop_opening.set()
        for t in pending:
            t.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        errors["timeout"] += sum(1 for t in pending if t.cancelled())
    result["open_seconds"] = round(time.monotonic() - t0, 2)
    result["held"] = len(held)
    result["open_errors"] = errors

    await asyncio.sleep(a.settle)
    rss_after = rss_kib(a.pid)
    result["rss_held_kib"] = rss_after
    # 0 when the server is gone: no figure then
    result["kib_per_conn"] = round((rss_after - rss_before) / len(held), 2) if held and rss_after else None

    # normal requests while the idle connections are held
    lat = []
    req_errors = 0
    deadline = time.monotonic() + a.request_deadline
    for _ in range(a.requests):
        if time.monotonic() > deadline:
            req_errors += 1
            continue
        t = time.perf_counter()
        writer = None
        try:
            reader, writer = await asyncio.wait_for(asyncio.open_connection(a.host, a.port), a.timeout)
            writer.write(close_request)
            status = await asyncio.wait_for(read_response(reader), a.timeout)
            if status == 200:
                lat.append((time.perf_counter() - t) * 1000.0)
            else:
                req_errors += 1
        except (asyncio.TimeoutError, OSError, asyncio.IncompleteReadError, ValueError, IndexError):
            req_errors += 1
        finally:
            if writer is not None:
                writer.close()
    lat.sort()

    def pct(p):
        if not lat:
            return None
        return round(lat[min(len(lat) - 1, int(round(p / 100.0 * len(lat) + 0.5)) - 1)], 3)

    result["requests"] = a.requests
    result["request_ok"] = len(lat)
    result["request_errors"] = req_errors
    result["p50_ms"] = pct(50)
    result["p99_ms"] = pct(99)
    result["max_ms"] = round(lat[-1], 3) if lat else None

    # did the server keep the idle connections? (a closed one has seen EOF by now)
    await asyncio.sleep(0.2)
    result["closed_by_server"] = sum(1 for r, _ in held if r.at_eof())
    for _, w in held:
        w.close()
    for w in unanswered:
        w.close()
    await asyncio.sleep(0.5)
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(130)
