-- wrk script for bench/run.py: every request a URL never seen before (a `nocache=` parameter
-- the pages ignore but the visitors' cache keys on), so each one is a first visit (a miss).
-- The figures are reported as by report.lua.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "report.lua")

local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("id", threads)
end

local counter = 0
request = function()
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. id .. "-" .. counter)
end
