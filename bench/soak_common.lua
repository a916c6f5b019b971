-- Shared by the two halves of `make soak` (soak.lua: visitors; attack.lua: the attack).
-- Each wrk thread counts answers by status; done() adds them up and prints one line per
-- status, then the figures soak.sh checks (`key value` lines).
local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  counter = id * 7 -- each thread starts at a different page
  statuses = {}
  math.randomseed(os.time() * 100 + id)
end

function count(status)
  statuses[status] = (statuses[status] or 0) + 1
end

-- An address from a range of one's own: `prefix` plus two random octets.
function random_address(prefix)
  return string.format("%s.%d.%d", prefix, math.random(0, 255), math.random(1, 254))
end

function done(summary, latency, requests)
  local totals, answered, throttled = {}, 0, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + n
      answered = answered + n
      if status == 429 then throttled = throttled + n end
    end
  end
  for status, n in pairs(totals) do
    io.write(string.format("status %d: %d\n", status, n))
  end
  io.write(string.format("requests %d, errors connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
  io.write(string.format("answered %d\n", answered))
  io.write(string.format("throttled_share %.3f\n", answered > 0 and throttled / answered or 0))
  io.write(string.format("p50_ms %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("p95_ms %.1f\n", latency:percentile(95) / 1000))
  io.write(string.format("p99_ms %.1f\n", latency:percentile(99) / 1000))
end
