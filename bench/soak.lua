-- wrk script for `make soak`, the normal visitors: rotate over the public pages with a
-- think time between clicks, each request from a different address (X-Forwarded-For, which
-- the soak's server trusts as if a load balancer had written it: DJANGO_TRUSTED_PROXY_COUNT=1),
-- so no visitor comes near a rate limit. Counts answers by status (soak_common.lua).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "soak_common.lua")

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

-- Think time per connection between answers, in milliseconds (SOAK_THINK_MS via soak.sh).
local think_ms = 500

local base_init = init
function init(args)
  base_init(args)
  think_ms = tonumber(args[1]) or think_ms
end

function delay()
  return math.random(math.floor(think_ms / 2), math.floor(think_ms * 3 / 2))
end

function request()
  counter = counter + 1
  -- 198.18.0.0/15 (benchmarking addresses): a new visitor nearly every time.
  local headers = { ["X-Forwarded-For"] = random_address("198." .. math.random(18, 19)) }
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end

function response(status, headers, body)
  count(status)
end
