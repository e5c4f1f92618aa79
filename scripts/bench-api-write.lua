-- wrk script for the API write benchmark: one connection per thread, each thread alternating
-- accept and revoke on its own owner check (passage.apibench_<thread>, owned by the attest key's
-- service account), each with a fresh Idempotency-Key. Arguments: API key, tenant slug.
local common = dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "") .. "bench-common.lua")

setup = common.number_threads("item")

function init(args)
  key, tenant = args[1], args[2]
  accepting = true
  common.seed(item)
end

function request()
  local action = accepting and "accept" or "revoke"
  local path = "/v1/tenants/" .. tenant .. "/items/passage.apibench_" .. item .. "/" .. action
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = common.uuid(),
  }, '{"note": "Benchmark evidence note"}')
end

function response(status)
  if status == 200 then
    accepting = not accepting
  end
end
