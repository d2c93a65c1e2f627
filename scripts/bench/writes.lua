-- wrk script: the write workload, half lifecycle moves and half new funding
-- lines.
--   wrk ... -s scripts/bench/writes.lua http://127.0.0.1:PORT -- IDS_FILE FIRST COUNT FIRST_ACTOR ACTORS
-- IDS_FILE: ids of projects in `realisation`, one a line. Each wrk thread
--   takes its own share of them and walks through it again and again:
--   on even passes each project is suspended, on odd passes resumed
--   (`suspendu → realisation`): moves no gate stands in the way of. A
--   project comes back only after all the others of its share, long after
--   its previous move has been answered.
-- FIRST, COUNT: projects that receive funding lines (random).
-- FIRST_ACTOR, ACTORS: the funders (random).

local ids, cursor, pass = {}, 0, 0
local first, count, first_actor, actors
-- wrk builds one request per thread before the run and never sends it:
-- starting here makes that one a funding line, so no move is skipped.
local toggle = true

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("thread_index", counter)
end

function init(args)
  local threads = tonumber(os.getenv("WRK_THREADS") or "2")
  local index = 0
  for line in io.lines(args[1]) do
    if index % threads == (thread_index - 1) then
      table.insert(ids, tonumber(line))
    end
    index = index + 1
  end
  first, count = tonumber(args[2]), tonumber(args[3])
  first_actor, actors = tonumber(args[4]), tonumber(args[5])
  math.randomseed(2000 + thread_index)
end

local today = os.date("!%Y-%m-%d")
-- wrk.format replaces the -H headers by the table it is given: copy them.
local JSON = nil
local function json_headers()
  if not JSON then
    JSON = { ["Content-Type"] = "application/json" }
    for name, value in pairs(wrk.headers) do JSON[name] = value end
  end
  return JSON
end

function request()
  toggle = not toggle
  if toggle then
    cursor = cursor + 1
    if cursor > #ids then
      cursor, pass = 1, pass + 1
    end
    local to = (pass % 2 == 0) and "suspendu" or "realisation"
    local body = string.format(
      '{"to":"%s","date":"%s","motivation":"Mesure de charge"}', to, today)
    return wrk.format("POST", "/api/v1/projects/" .. ids[cursor] .. "/transitions", json_headers(), body)
  end
  local project = first + math.random(count) - 1
  local categories = { "city", "public", "private" }
  local body = string.format(
    '{"funder_id":%d,"category":"%s","amount_cents":%d,"label":"Mesure de charge"}',
    first_actor + math.random(actors) - 1, categories[math.random(3)], 100 * math.random(100000))
  return wrk.format("POST", "/api/v1/projects/" .. project .. "/funding-lines", json_headers(), body)
end
