-- wrk script for the 10,000-tenant phase: writes to other tenants while the console page is
-- measured. One connection per thread, each signed in to its own tenant as Marek and
-- alternating accept and revoke on its own owner check there (passage.bench_0), tracking the
-- item's version from the 303 answers, and waiting `delay` ms before each request so that all
-- threads together send about the rate asked for. Arguments: delay in ms, then one
-- "cookie csrf tenant" triple per thread (space-separated, in that order).
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "bench-common.lua")

setup = common.number_threads("index")

function init(args)
  wait = tonumber(args[1])
  cookie, csrf, tenant = args[2 + 3 * index], args[3 + 3 * index], args[4 + 3 * index]
  version, accepting = 0, true
  common.seed(index)
end

function delay()
  return wait
end

function request()
  return common.form_request(tenant, "passage.bench_0")
end

response = common.form_response
