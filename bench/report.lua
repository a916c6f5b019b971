-- wrk script for bench/run.py: one JSON line with the figures run.py needs (wrk's own
-- --latency table has no p95; latencies are in microseconds), and a connection per request.
--
-- Why a connection per request: with kept-alive connections, wrk's 8 connections stay with
-- whichever of gunicorn's two worker processes accepted them, and the split is a lottery.
-- When most land on one worker, that process's GIL holds the page to one core: in one run
-- /healthz measured 582 req/s between two runs of 1,607 and 1,626, the studio page 273-310
-- req/s in three runs (720 with a connection per request), a first-visit list page 140 or
-- 290-330 ms p50 from one 4-second run to the next, with one core idle. With `Connection:
-- close` the less busy worker accepts the next request: 140-146 ms in every run. Opening a
-- connection costs the same few hundred microseconds on every page, /healthz included
-- (1,600 → 1,200 req/s), so the ratios read ~0.1 higher than kept-alive runs that split well.

-- wrk.format replaces wrk.headers (gzip and language from the command line) when given a
-- table: the copy keeps them.
local headers = nil

function close_headers()
  if not headers then
    headers = {Connection = "close"}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
  end
  return headers
end

request = function()
  return wrk.format(nil, wrk.path, close_headers())
end

done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "bytes": %d, ' ..
    '"p50": %d, "p95": %d, "p99": %d, "max": %d, "non2xx": %d, ' ..
    '"socket_errors": %d}\n',
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write + e.timeout))
end
