-- wrk script for the API write benchmark: one connection per thread, each thread alternating
-- accept and revoke on its own owner check (passage.apibench_<thread>, owned by the attest key's
-- service account), each with a fresh Idempotency-Key. Arguments: API key, tenant slug.
local counter = 0

function setup(thread)
  thread:set("item", counter)
  counter = counter + 1
end

function init(args)
  key, tenant = args[1], args[2]
  accepting = true
  math.randomseed(item * 7919 + os.time())
end

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end

function request()
  local action = accepting and "accept" or "revoke"
  local path = "/v1/tenants/" .. tenant .. "/items/passage.apibench_" .. item .. "/" .. action
  return wrk.format("POST", path, {
    ["Authorization"] = "Bearer " .. key,
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = uuid(),
  }, '{"note": "Benchmark evidence note"}')
end

function response(status)
  if status == 200 then
    accepting = not accepting
  end
end
