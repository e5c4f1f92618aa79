-- wrk script for the write benchmark: one connection per thread, each thread alternating
-- accept and revoke on its own owner check (passage.bench_<thread>), tracking the item's version
-- from the 303 answers. Arguments: session cookie, CSRF token, tenant slug.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "bench-common.lua")

setup = common.number_threads("item")

function init(args)
  cookie, csrf, tenant = args[1], args[2], args[3]
  version, accepting = 0, true
  common.seed(item)
end

function request()
  return common.form_request(tenant, "passage.bench_" .. item)
end

response = common.form_response
