-- wrk script for `make soak`, the attack (alongside soak.lua's visitors): three fixed
-- addresses, no think time, rotating over made-up list parameters (/locations/?x=…), a
-- burst of GeoJSON with made-up parameters, and submissions of the public form. The POSTs
-- carry a real CSRF token and cookie, fetched from the form first (a 403 would be CSRF,
-- not the rate limit), so a 429 here is the throttle. Counts answers by status.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "soak_common.lua")

local attackers = { "203.0.113.66", "203.0.113.67", "203.0.113.68" }
local token, cookie

local function made_up()
  return tostring(math.random(1, 1000000000))
end

function request()
  counter = counter + 1
  local headers = { ["X-Forwarded-For"] = attackers[(counter % #attackers) + 1] }
  if not token then
    return wrk.format("GET", "/locations/submit/", headers)
  end
  local kind = counter % 3
  if kind == 0 then
    return wrk.format("GET", "/locations/?x=" .. made_up() .. "&sort=" .. made_up(), headers)
  elseif kind == 1 then
    return wrk.format("GET", "/locations.geojson?x=" .. made_up() .. "&near=" .. made_up(), headers)
  end
  headers["Cookie"] = "csrftoken=" .. cookie
  headers["Content-Type"] = "application/x-www-form-urlencoded"
  local body = "csrfmiddlewaretoken=" .. token .. "&name=Spam+" .. made_up() .. "&description=buy"
  return wrk.format("POST", "/locations/submit/", headers, body)
end

function response(status, headers, body)
  if not token and status == 200 then
    local found = body:match('name="csrfmiddlewaretoken" value="([^"]+)"')
    local set_cookie = headers["Set-Cookie"] or headers["set-cookie"] or ""
    local value = set_cookie:match("csrftoken=([^;]+)")
    if found and value then
      token, cookie = found, value
      return -- getting ready, not part of the attack's figures
    end
  end
  count(status)
end
