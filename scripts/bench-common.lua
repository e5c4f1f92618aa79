-- What the wrk write scripts share (each loads it with `dofile`, next to itself): numbering the
-- threads, a fresh UUID for each request, and the console form's accept/revoke alternation
-- that tracks the item's version from the 303 answers.
local common = {}

-- A `setup` that numbers the threads from 0, in the thread's global `name`.
function common.number_threads(name)
  local counter = 0
  return function(thread)
    thread:set(name, counter)
    counter = counter + 1
  end
end

-- Seeds this thread's random numbers apart from the other threads'.
function common.seed(index)
  math.randomseed(index * 7919 + os.time())
end

-- A random (version 4) UUID.
function common.uuid()
  return (string.gsub("xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx", "[xy]", function(c)
    return string.format("%x", c == "x" and math.random(0, 15) or math.random(8, 11))
  end))
end

-- The console form's accept or revoke (as the global `accepting` says) of `item` in `tenant`,
-- at the global `version`, signed in with the globals `cookie` and `csrf`.
function common.form_request(tenant, item)
  local action = accepting and "accept" or "revoke"
  local body = "csrf=" .. csrf .. "&version=" .. version .. "&idempotency_key=" .. common.uuid()
    .. "&note=Benchmark+evidence+note"
  local path = "/t/" .. tenant .. "/items/" .. item .. "/" .. action .. "?lang=en"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie,
  }, body)
end

-- A `response` for form writes: a 303 means the write was applied, so the item's version moved
-- and the next write is the other one.
function common.form_response(status)
  if status == 303 then
    version = version + 1
    accepting = not accepting
  end
end

return common
