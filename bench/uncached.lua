-- wrk script for bench/run.py: every request a URL never seen before (a `nocache=` parameter
-- the pages ignore but the visitors' cache keys on), so each one is a first visit (a miss).
-- Each request also opens its own connection (`Connection: close`), as a new visitor would.
-- With kept-alive connections, wrk's 8 connections stay with whichever of gunicorn's two
-- worker processes accepted them; when most land on one worker, that process's GIL holds the
-- page to one core, and the same page measured 140 or 290-330 ms p50 from one 4-second run to
-- the next (one core idle). A connection per request lets the less busy worker take the next
-- one: 140-146 ms in every run.
-- The figures are reported as by report.lua.
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

-- wrk.format replaces wrk.headers (gzip, language from the command line) when given a table.
local headers = nil

local counter = 0
request = function()
  if not headers then
    headers = {Connection = "close"}
    for name, value in pairs(wrk.headers) do
      headers[name] = value
    end
  end
  counter = counter + 1
  local separator = string.find(wrk.path, "?", 1, true) and "&" or "?"
  local nonce = prefix .. "-" .. id .. "-" .. counter
  return wrk.format(nil, wrk.path .. separator .. "nocache=" .. nonce, headers)
end
