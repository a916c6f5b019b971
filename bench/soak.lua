-- wrk script for `make soak`: rotate over the public pages and count answers by status.
local paths = {
  "/",
  "/locations/",
  "/locations/?q=kyoto",
  "/studios/",
  "/studios/?min_area=1000",
  "/locations.geojson",
  "/studios.geojson",
  "/healthz",
  -- Pages added since (slugs from load_demo): details, tours, the scout package, tools.
  "/locations/otaru-canal/",
  "/studios/toho-studios/",
  "/studios/compare/",
  "/itineraries/",
  "/itineraries/familiarisation-tour-tokyo-kyoto-osaka/",
  "/itineraries/familiarisation-tour-tokyo-kyoto-osaka/package/",
  "/film-commissions/",
  "/incentives/",
}

local threads = {}
local next_id = 0

function setup(thread)
  -- Each thread starts at a different page so the mix is even from the first second.
  thread:set("offset", next_id)
  next_id = next_id + 3
  table.insert(threads, thread)
end

function init(args)
  counter = offset
  statuses = {}
end

function request()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1])
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d: %d\n", status, count))
  end
  io.write(string.format("requests %d, errors connect=%d read=%d write=%d status=%d timeout=%d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout))
end
