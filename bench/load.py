"""Load: many users at once on a real server, with and without a concurrent ingest.

    .venv/bin/python bench/load.py [CORPUS_DIR] [--workers 2] [--clients 20] [--seconds 20] [--no-ingest]
                                   [--client auto|wrk|httpx] [--per-page]

Loads the corpus plans and ../shared/data/observations.csv into a fresh SQLite store in a
temporary PLANTRACK_HOME, starts `plantrack serve --workers N` on a free
loopback port, and drives it with --clients concurrent connections over a mixed page set —
dashboard, catalogue, plan page, indicator page, search, and their API twins — each walking the
set from its own offset for --seconds. The load generator is wrk (Debian's `wrk` package, a C
client) when installed, else 20 httpx clients (one connection each, like a browser tab each):
on a 2-core machine the httpx clients themselves took ~3 ms of CPU a request, more than the
server, so they measured mostly themselves (--client httpx keeps them, and --per-page, for a
comparison). The clients act as an administrator (a bearer token), so every plan is visible.
Every page is requested once, then all clients run --warmup seconds untimed, so each server
process has seen each page.

Two phases: quiet, then with a concurrent ingest — a `plantrack ingest` process storing renamed
copies of the corpus plans (new plans, so the data the pages depend on keeps changing) and a client
uploading the largest plan to the 规划入库 check page in a loop (parsed in the server's worker
pool). Both run at a lower CPU priority (priority.py), as they do in production. Prints per phase
requests/s, p50/p95/p99/max and errors, and the CPU seconds used by the server processes (and per
request), by the upload parse pool and by the load generator, with the machine's load average:
on a shared machine wall-clock figures vary with the neighbours, CPU per request does not.
Bounded (a fixed duration, a fixed number of clients), loopback only; asserts nothing.
Target on a 2-core machine: p95 < 200 ms and >= 150 requests/s with the ingest running.
bench/page_cpu.py gives each page's CPU in process, answered from the page cache and computed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

import httpx

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PROVINCE = "shanxi-14th-fyp-outline"
PER_PAGE = False


def tree_cpu(pid: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far by the server: (pid and its children — the uvicorn
    master and its worker processes —, their descendants — the upload parse pools). Linux /proc;
    (0.0, 0.0) elsewhere."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    children: dict[int, list[int]] = {}
    stats: dict[int, float] = {}
    for entry in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = entry.read_text()
        except OSError:
            continue
        fields = text[text.rindex(")") + 2:].split()
        child, parent = int(entry.parent.name), int(fields[1])
        children.setdefault(parent, []).append(child)
        stats[child] = (int(fields[11]) + int(fields[12])) / tick
    serving = parsing = 0.0
    todo = [(pid, 0)]
    while todo:
        p, depth = todo.pop()
        if depth <= 1:
            serving += stats.get(p, 0.0)
        else:
            parsing += stats.get(p, 0.0)
        todo.extend((c, depth + 1) for c in children.get(p, []))
    return serving, parsing


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare(home: Path, corpus: Path, observations: Path) -> str:
    """Load the store; return an administrator's bearer token."""
    os.environ["PLANTRACK_HOME"] = str(home)
    os.environ.pop("PLANTRACK_DATABASE_URL", None)
    from plantrack.accounts.service import create_token, create_user
    from plantrack.load import load_files
    from plantrack.observations.importer import import_file
    from plantrack.store.db import open_store

    factory = open_store()
    outcomes = load_files(factory, sorted(corpus.glob("*.txt")))
    if observations.is_file():
        import_file(factory, observations)
    with factory.begin() as session:
        create_user(session, "bench", "admin", "bench-password-1")
        token, _ = create_token(session, "bench", "bench", 1)
    print(f"入库 {sum(o.ok for o in outcomes)} 部规划；观测值：{observations if observations.is_file() else '无'}")
    return token


def page_set(client: httpx.Client) -> list[str]:
    plan = client.get(f"/api/plans/{PROVINCE}").json()
    indicator = next(i["id"] for i in client.get(f"/plans/{PROVINCE}?format=json").json()["indicators"])
    return [
        "/", "/plans", f"/plans/{PROVINCE}", f"/plans/{PROVINCE}/indicators/{indicator}", "/search?q=森林覆盖率",
        "/api/plans", f"/api/plans/{plan['key']}", "/api/search?q=黄河", "/api/regions", f"/plans/{PROVINCE}?format=json",
    ]


def start_server(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen([sys.executable, "-m", "plantrack.cli", "serve", "--port", str(port), "--workers", str(workers)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(1200):
        if server.poll() is not None:
            sys.exit("服务未能启动：" + server.stderr.read().decode())
        try:
            httpx.get(f"http://127.0.0.1:{port}/api/regions", timeout=2)
            return server
        except httpx.TransportError:
            time.sleep(0.1)
    server.terminate()
    sys.exit("服务未在 120 秒内启动")


async def client_loop(base: str, headers: dict, urls: list[str], offset: int, deadline: float,
                      latencies: list[float], errors: list[str], by_url: dict[str, list[float]]) -> None:
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=30) as client:
        i = offset
        while time.perf_counter() < deadline:
            url = urls[i % len(urls)]
            i += 1
            started = time.perf_counter()
            try:
                r = await client.get(url)
                if r.status_code != 200:
                    errors.append(f"{r.status_code} {url}")
            except httpx.HTTPError as exc:
                errors.append(f"{type(exc).__name__} {url}")
                continue
            latencies.append(time.perf_counter() - started)
            by_url.setdefault(url, []).append(latencies[-1])


async def uploader(base: str, headers: dict, plan: Path, deadline: float, done: list[float]) -> None:
    """The 规划入库 check page, again and again: a parse in the server's worker pool each time."""
    data = plan.read_bytes()
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120) as client:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            r = await client.post("/plans/new/check?format=json", files={"file": (plan.name, data, "text/plain")})
            if r.status_code in (200, 422):
                done.append(time.perf_counter() - started)


def ingest_process(corpus: Path, scratch: Path) -> subprocess.Popen:
    """`plantrack ingest` of renamed copies of the corpus, over and over: new plans while pages are read."""
    copies = []
    for round_ in range(20):
        for f in sorted(corpus.glob("*.txt")):
            copy = scratch / f"load-{round_}-{f.name}"
            copy.write_text(f.read_text(encoding="utf-8") + f"\n（副本 {round_}）\n", encoding="utf-8")
            copies.append(copy)
    return subprocess.Popen([sys.executable, "-m", "plantrack.cli", "ingest", *map(str, copies)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


WRK_SCRIPT = """
local urls = {%(urls)s}
local headers = {["Authorization"] = "%(authorization)s", ["Accept-Encoding"] = "gzip"}
local i = 0
function init(args) i = tonumber(args[1]) or 0 end
function request()
  i = i + 1
  return wrk.format("GET", urls[(i %% #urls) + 1], headers)
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK %%d %%d %%d %%d %%d %%d %%d %%d %%d %%d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.connect, e.read + e.write, e.status, e.timeout))
end
"""


def wrk_start(base: str, headers: dict, urls: list[str], clients: int, seconds: float, folder: Path) -> tuple:
    """wrk (Debian's package) over the same page set: a C client, so the load generator takes a
    few percent of a core where 20 httpx clients took a third of one. Returns (process, output file)."""
    script = folder / "pages.lua"
    quoted = ", ".join('"' + quote(u, safe="/?=&%:") + '"' for u in urls)
    script.write_text(WRK_SCRIPT % {"urls": quoted, "authorization": headers["Authorization"]}, encoding="utf-8")
    out = (folder / "wrk.out").open("w+")
    process = subprocess.Popen(["wrk", "-t", str(min(2, clients)), "-c", str(clients), "-d", f"{max(1, round(seconds))}s",
                                "--timeout", "30s", "-s", str(script), base], stdout=out, stderr=subprocess.STDOUT)
    return process, out


def wrk_result(process: subprocess.Popen, out) -> dict:
    _, _, usage = os.wait4(process.pid, 0)
    process.returncode = 0
    out.seek(0)
    text = out.read()
    out.close()
    line = next((ln for ln in text.splitlines() if ln.startswith("WRK ")), None)
    if line is None:
        sys.exit("wrk 没有给出结果：" + text[-500:])
    n, duration, p50, p95, p99, top, connect, io_errors, status, timeout = (int(x) for x in line.split()[1:])
    errors = [f"非 200 应答 {status} 次"] * bool(status) + [f"连接/读写错误 {connect + io_errors} 次"] * bool(connect + io_errors) \
        + [f"超时 {timeout} 次"] * bool(timeout)
    return {"count": n - status, "errors_n": status + connect + io_errors + timeout, "errors": errors,
            "elapsed": duration / 1e6, "q": (p50 / 1e6, p95 / 1e6, p99 / 1e6, top / 1e6),
            "client_cpu": usage.ru_utime + usage.ru_stime}


def phase(base: str, headers: dict, urls: list[str], clients: int, seconds: float, upload: Path | None,
          server_pid: int | None = None, client: str = "httpx", folder: Path | None = None) -> dict:
    latencies: list[float] = []
    errors: list[str] = []
    uploads: list[float] = []
    by_url: dict[str, list[float]] = {}
    deadline = time.perf_counter() + seconds

    pages_done = 0.0

    async def run():
        nonlocal pages_done
        # The uploader's last upload may still be parsing at the deadline: the page clients' time ends
        # when they stop, not when it comes back.
        upload_task = asyncio.create_task(uploader(base, headers, upload, deadline, uploads)) if upload else None
        if client != "wrk":
            await asyncio.gather(*(client_loop(base, headers, urls, i, deadline, latencies, errors, by_url)
                                   for i in range(clients)))
        pages_done = time.perf_counter()
        if upload_task is not None:
            await upload_task

    started, client_cpu = time.perf_counter(), time.process_time()
    cpu_before = tree_cpu(server_pid) if server_pid else (0.0, 0.0)
    wrk = wrk_start(base, headers, urls, clients, seconds, folder) if client == "wrk" else None
    asyncio.run(run())
    measured = wrk_result(*wrk) if wrk else None
    elapsed = pages_done - started
    cpu_after = tree_cpu(server_pid) if server_pid else (0.0, 0.0)
    server_cpu, parse_cpu = (after - before for after, before in zip(cpu_after, cpu_before))
    if measured is None:
        lat = sorted(latencies)
        q = statistics.quantiles(lat, n=100) if len(lat) > 1 else [lat[0] if lat else 0.0] * 99
        measured = {"count": len(lat), "errors_n": len(errors), "errors": errors, "elapsed": elapsed,
                    "q": (q[49], q[94], q[98], lat[-1] if lat else 0.0), "client_cpu": time.process_time() - client_cpu}
    else:
        measured["client_cpu"] += time.process_time() - client_cpu  # the uploader's share, if any
    return {**measured, "uploads": uploads, "by_url": by_url, "server_cpu": server_cpu, "parse_cpu": parse_cpu,
            "load": os.getloadavg()[0], "client": client}


def report(name: str, result: dict) -> None:
    n, elapsed = result["count"], result["elapsed"]
    if not n:
        print(f"{name}: 没有成功的请求；错误 {result['errors'][:5]}")
        return
    ms = lambda s: f"{s * 1000:.0f} ms"  # noqa: E731
    p50, p95, p99, top = result["q"]
    print(f"{name}: {n} 次请求 / {elapsed:.1f} s = {n / elapsed:.0f} 请求/秒；"
          f"p50 {ms(p50)}  p95 {ms(p95)}  p99 {ms(p99)}  max {ms(top)}；错误 {result['errors_n']}"
          + (f"（如 {result['errors'][0]}）" if result["errors"] else ""))
    total = n + result["errors_n"]
    print(f"    CPU：服务进程 {result['server_cpu']:.1f} s = 每请求 {result['server_cpu'] / total * 1000:.1f} ms；"
          f"上传解析进程 {result['parse_cpu']:.1f} s；压测客户端（{result['client']}）{result['client_cpu']:.1f} s；"
          f"机器 1 分钟负载 {result['load']:.1f}（{os.cpu_count()} 核）")
    if PER_PAGE and result["by_url"]:
        for url, times in sorted(result["by_url"].items(), key=lambda kv: -statistics.median(kv[1])):
            print(f"    {statistics.median(times) * 1000:6.0f} ms  {url}")
    if result["uploads"]:
        print(f"    同时：规划入库核对页上传解析 {len(result['uploads'])} 次，中位 {statistics.median(result['uploads']):.1f} s")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", type=Path, default=SHARED / "corpus")
    ap.add_argument("--observations", type=Path, default=SHARED / "data" / "observations.csv")
    ap.add_argument("--workers", type=int, default=2, help="server processes (plantrack serve --workers)")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=20.0, help="duration of each phase")
    ap.add_argument("--warmup", type=float, default=5.0, help="untimed seconds with all clients before the first phase")
    ap.add_argument("--no-ingest", action="store_true", help="only the quiet phase")
    ap.add_argument("--per-page", action="store_true", help="also print each page's median (httpx client only)")
    ap.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto",
                    help="load generator: wrk (Debian package, a C client) or 20 httpx clients; auto: wrk when installed")
    args = ap.parse_args()
    global PER_PAGE
    PER_PAGE = args.per_page
    generator = args.client if args.client != "auto" else ("wrk" if shutil.which("wrk") else "httpx")
    if generator == "wrk" and not shutil.which("wrk"):
        sys.exit("找不到 wrk（Debian：apt-get install wrk），或用 --client httpx")

    home = Path(tempfile.mkdtemp(prefix="plantrack-load-"))
    server = None
    ingest = None
    try:
        token = prepare(home, args.corpus, args.observations)
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        headers = {"Authorization": f"Bearer {token}"}
        server = start_server(port, args.workers)
        with httpx.Client(base_url=base, headers=headers, timeout=120) as client:
            urls = page_set(client)
            for url in urls:  # first views (computed results cached by the data they depend on)
                client.get(url)
        phase(base, headers, urls, args.clients, args.warmup, None)  # every process's cache warm, not timed
        print(f"服务：{args.workers} 个进程，{args.clients} 个并发客户端（{generator}），每阶段 {args.seconds:.0f} s，"
              f"{len(urls)} 个页面轮流请求")
        report("无入库", phase(base, headers, urls, args.clients, args.seconds, None, server.pid, generator, home))
        if not args.no_ingest:
            scratch = home / "copies"
            scratch.mkdir()
            ingest = ingest_process(args.corpus, scratch)
            largest = max(args.corpus.glob("*.txt"), key=lambda p: p.stat().st_size)
            report("同时入库", phase(base, headers, urls, args.clients, args.seconds, largest, server.pid, generator, home))
            running = ingest.poll() is None
            print(f"    同时：plantrack ingest 进程{'仍在运行' if running else '已结束'}（在后台逐个入库规划副本）")
    finally:
        for process in (ingest, server):
            if process is not None and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    process.kill()
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    main()
