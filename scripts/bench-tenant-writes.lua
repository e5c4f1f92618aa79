-- wrk script for the 10,000-tenant phase: writes to other tenants while the console page is
-- measured. One connection per thread, each signed in to its own tenant as Marek and
-- alternating accept and revoke on its own owner check there (passage.bench_0), tracking the
-- item's version from the 303 answers, and waiting `delay` ms before each request so that all
-- threads together send about the rate asked for. Arguments: delay in ms, then one
-- "cookie csrf tenant" triple per thread (space-separated, in that order).
local counter = 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
end

function init(args)
  wait = tonumber(args[1])
  cookie, csrf, tenant = args[2 + 3 * index], args[3 + 3 * index], args[4 + 3 * index]
  version, accepting = 0, true
  math.randomseed(index * 7919 + os.time())
end

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end

function delay()
  return wait
end

function request()
  local action = accepting and "accept" or "revoke"
  local body = "csrf=" .. csrf .. "&version=" .. version .. "&idempotency_key=" .. uuid()
    .. "&note=Benchmark+evidence+note"
  local path = "/t/" .. tenant .. "/items/passage.bench_0/" .. action .. "?lang=en"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

function response(status)
  if status == 303 then
    version = version + 1
    accepting = not accepting
  end
end
