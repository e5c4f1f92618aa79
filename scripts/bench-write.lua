-- wrk script for the write benchmark: one connection per thread, each thread alternating
-- accept and revoke on its own owner check (passage.bench_<thread>), tracking the item's version
-- from the 303 answers. Arguments: session cookie, CSRF token, tenant slug.
local counter = 0

function setup(thread)
  thread:set("item", counter)
  counter = counter + 1
end

function init(args)
  cookie, csrf, tenant = args[1], args[2], args[3]
  version, accepting = 0, true
  math.randomseed(item * 7919 + os.time())
end

local function uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end

function request()
  local action = accepting and "accept" or "revoke"
  local body = "csrf=" .. csrf .. "&version=" .. version .. "&idempotency_key=" .. uuid()
    .. "&note=Benchmark+evidence+note"
  local path = "/t/" .. tenant .. "/items/passage.bench_" .. item .. "/" .. action .. "?lang=en"
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
