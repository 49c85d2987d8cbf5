"""First visits of meeting pages: every meeting in the sitemap of a running `kansli serve`
asked for once (so each answer is a page-cache miss), by THREADS client threads. Prints the
latency percentiles (the client's own time included) and the server's CPU time per request,
read from /proc/PID/stat before and after, which says more than latency on a shared machine.

Usage: python3 bench/first_visits.py HOST:PORT SERVER_PID [THREADS] [LIMIT] [WARM]
The first WARM meetings (default 200) are asked for before the measured LIMIT and not
counted: a fresh server's pool connections prepare each statement on first use, and
PostgreSQL plans a prepared statement afresh its first five times on a connection (the record's
union reads took ~5 ms to plan), which a server that has run a while has done.
With PostgreSQL, the database's CPU is printed too: the CPU of every process named `postgres`
(the cluster's backends and its own processes), so a cluster of its own for the benchmark.
A fresh server per run (the page cache is in memory); the same data directory for the runs
compared. See bench/README.md, "A meeting's first visit: the allocator, mapped reads and the
year's numbers kept".
"""
import os
import re
import sys
import threading
import time
import urllib.request

addr, pid = sys.argv[1], int(sys.argv[2])
threads = int(sys.argv[3]) if len(sys.argv) > 3 else 4
limit = int(sys.argv[4]) if len(sys.argv) > 4 else 3000

xml = urllib.request.urlopen(f"http://{addr}/sitemap.xml").read().decode()
paths = []
for loc in re.findall(r"<loc>(.*?)</loc>", xml):
    path = "/" + loc.split("://", 1)[1].split("/", 1)[1].replace("&amp;", "&")
    if len([s for s in path.strip("/").split("/") if s]) == 3:
        paths.append(path)
warm = int(sys.argv[5]) if len(sys.argv) > 5 else 200
warm_paths, paths = paths[:warm], paths[warm : warm + limit]


def cpu():
    """User and system seconds of the server so far."""
    fields = open(f"/proc/{pid}/stat").read().split(")")[1].split()
    tick = os.sysconf("SC_CLK_TCK")
    return int(fields[11]) / tick, int(fields[12]) / tick


def database_cpu():
    """User and system seconds of every `postgres` process now running (0 without any).

    A backend that ended during the run takes its time with it; the server's pool keeps its
    connections, so for this benchmark the sum is the database's work."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = open(f"/proc/{entry}/stat").read()
        except OSError:
            continue
        name, rest = stat.split("(", 1)[1].split(")", 1)
        if name == "postgres":
            fields = rest.split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


latencies = []
lock = threading.Lock()
next_index = [0]


def work():
    while True:
        with lock:
            i = next_index[0]
            next_index[0] += 1
        if i >= len(paths):
            return
        started = time.perf_counter()
        response = urllib.request.urlopen(f"http://{addr}{paths[i]}")
        response.read()
        took = (time.perf_counter() - started) * 1000
        if response.headers.get("x-cache") == "hit":
            sys.exit(f"{paths[i]} was answered from the cache: start a fresh server")
        with lock:
            latencies.append(took)


measured = paths
paths = warm_paths
warmers = [threading.Thread(target=work) for _ in range(threads)]
for w in warmers:
    w.start()
for w in warmers:
    w.join()
paths, latencies, next_index[0] = measured, [], 0

(user0, sys0) = cpu()
database0 = database_cpu()
client0 = os.times()
started = time.perf_counter()
workers = [threading.Thread(target=work) for _ in range(threads)]
for w in workers:
    w.start()
for w in workers:
    w.join()
wall = time.perf_counter() - started
(user1, sys1) = cpu()
database = database_cpu() - database0
client1 = os.times()
client = (client1.user - client0.user) + (client1.system - client0.system)
latencies.sort()


def q(x):
    return latencies[min(len(latencies) - 1, int(x * len(latencies)))]


used = (user1 - user0) + (sys1 - sys0)
print(
    f"{len(latencies)} first visits, {threads} threads: wall {wall:.2f} s, "
    f"p50 {q(0.5):.2f} ms, p90 {q(0.9):.2f} ms, p99 {q(0.99):.2f} ms; "
    f"server CPU {used:.2f} s = {used / max(1, len(latencies)) * 1000:.2f} ms/request "
    f"(user {user1 - user0:.2f}, system {sys1 - sys0:.2f}); "
    + (
        f"PostgreSQL CPU {database:.2f} s = {database / max(1, len(latencies)) * 1000:.2f} ms/request; "
        if database > 0
        else ""
    )
    + f"client CPU {client / max(1, len(latencies)) * 1000:.2f} ms/request; "
    + f"load average {os.getloadavg()[0]:.2f}"
)
