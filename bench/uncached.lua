-- wrk script for bench/run.py: every request a URL never seen before (a `nocache=` parameter
-- the pages ignore) on a connection of its own, as in report.lua, which reports the figures.
-- The visitors' cache keys on the canonical query, so the parameter alone no longer misses it:
-- bench/measure.py runs these against servers with VISITOR_CACHE=off.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

-- bench/run.py passes a prefix of its own per run (`-- <prefix>`): runs never share URLs.
local prefix = "0"
init = function(args)
  prefix = args[1] or "0"
end

local counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  local nonce = prefix .. "-" .. id .. "-" .. counter
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. nonce, close_headers())
end
