-- wrk script: read requests drawn at random, with weights.
--   wrk ... -s scripts/bench/reads.lua http://127.0.0.1:PORT -- MIX FIRST COUNT
-- MIX: weights by kind, e.g. "page:45,project:45,dashboard:5,network:5"
--   page       a page of 50 projects: half the time the whole portfolio by
--              reference (pages 1 to 20), half the time a filtered, sorted
--              page (realisation, Innovation, by decreasing cost, pages 1 to 4)
--   filtered   only the filtered, sorted page (page 1)
--   project    one project with its finance (random id)
--   dashboard  the dashboard
--   network    the actors' network (with BENCH_NETWORK_SCOPED=1 in the
--              environment: of one axis over one year)
--   programme  the whole portfolio's investment programme over 2015–2026
--   sheet      one project's printed sheet (PDF, random id)
--   annual     the annual report of 2024 (PDF)
-- FIRST, COUNT: the range of project ids to draw from.
-- The bearer token comes with -H like any header.

local kinds, weights, total = {}, {}, 0
local first, count

local FILTERED = "/api/v1/projects?phase=realisation&axis=Innovation&sort=-total_cost_cents&per_page=50"

local paths = {
  page = function()
    if math.random(2) == 1 then
      return "/api/v1/projects?per_page=50&page=" .. math.random(20)
    end
    return FILTERED .. "&page=" .. math.random(4)
  end,
  filtered = function() return FILTERED end,
  project = function() return "/api/v1/projects/" .. (first + math.random(count) - 1) end,
  dashboard = function() return "/api/v1/dashboard" end,
  network = function()
    if os.getenv("BENCH_NETWORK_SCOPED") == "1" then
      return "/api/v1/network?axis=Innovation&from=2024-01-01&to=2024-12-31"
    end
    return "/api/v1/network"
  end,
  programme = function() return "/api/v1/programming?from=2015&to=2026" end,
  sheet = function() return "/api/v1/projects/" .. (first + math.random(count) - 1) .. "/report.pdf" end,
  annual = function() return "/api/v1/reports/annual.pdf?year=2024" end,
}

local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("seed", counter)
end

function init(args)
  for kind, weight in string.gmatch(args[1], "(%a+):(%d+)") do
    assert(paths[kind], "unknown kind " .. kind)
    table.insert(kinds, kind)
    total = total + tonumber(weight)
    table.insert(weights, total)
  end
  first, count = tonumber(args[2]), tonumber(args[3])
  math.randomseed(1000 + (seed or 0))
end

function request()
  local draw = math.random(total)
  for i, bound in ipairs(weights) do
    if draw <= bound then
      return wrk.format("GET", paths[kinds[i]]())
    end
  end
end

-- Non-2xx answers are counted by wrk itself ("Non-2xx or 3xx responses").
