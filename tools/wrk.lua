-- The one wrk script of the measuring tools (tools/harness.py starts wrk with it).
--   wrk -s tools/wrk.lua URL -- [paths=FILE] [pick=rotate|zipf] [uncached=N] [report=...]
-- paths=FILE    ask for the paths listed in FILE (one a line) instead of the URL's path
-- pick=zipf     the k-th path of FILE k times less often than the first, as a site's pages
--               are read; rotate (the default) asks for each in turn
-- uncached=N    every Nth request carries a query string never used before, so the page cache
--               cannot answer it (1: every request, a cache miss; 0, the default: none)
-- report=failures  print "FAILURES_AT <epoch second> <count>" of responses with status >= 400
-- report=cache     print "CACHE_AT <epoch second> <path> <hits> <misses>" from X-Cache; it
--                  pairs each response with its request, so run one connection per thread
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

local function option(args, name, default)
  for _, arg in ipairs(args) do
    local key, value = string.match(arg, "^([^=]+)=(.*)$")
    if key == name then
      return value
    end
  end
  return default
end

function init(args)
  paths = {}
  local file = option(args, "paths", nil)
  if file then
    for line in io.lines(file) do
      if line ~= "" then
        paths[#paths + 1] = line
      end
    end
  else
    paths[1] = wrk.path
  end
  zipf = option(args, "pick", "rotate") == "zipf"
  if zipf then
    cumulative, total = {}, 0
    for k = 1, #paths do
      total = total + 1 / k
      cumulative[k] = total
    end
    math.randomseed(os.time() * 100 + id)
  end
  uncached = tonumber(option(args, "uncached", "0"))
  local report = option(args, "report", "")
  count_failures = string.find(report, "failures", 1, true) ~= nil
  count_cache = string.find(report, "cache", 1, true) ~= nil
  -- wrk reads a response's headers and body for Lua only when `response` is a function after
  -- init: without a report it stays out of the way of the requests being measured.
  if not (count_failures or count_cache) then
    response = nil
  end
  failures, hits, misses = {}, {}, {}
  n = 0
  prefix = tostring(id) .. "-" .. tostring(os.time())
end

local function pick()
  if not zipf then
    return paths[(n - 1) % #paths + 1]
  end
  local target, low, high = math.random() * total, 1, #paths
  while low < high do
    local middle = math.floor((low + high) / 2)
    if cumulative[middle] < target then
      low = middle + 1
    else
      high = middle
    end
  end
  return paths[low]
end

function request()
  n = n + 1
  asked = pick()
  local path = asked
  if uncached > 0 and n % uncached == 0 then
    local sep = "?"
    if string.find(path, "?", 1, true) then
      sep = "&"
    end
    path = path .. sep .. "nocache=" .. prefix .. "-" .. n
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  local second = os.time()
  if count_failures and status >= 400 then
    failures[second] = (failures[second] or 0) + 1
  end
  if count_cache then
    -- Flat tables of numbers: wrk copies those between threads safely, not nested ones.
    local key = second .. " " .. asked
    local counts = misses
    if headers["X-Cache"] == "HIT" then
      counts = hits
    end
    counts[key] = (counts[key] or 0) + 1
  end
end

function done(summary, latency, requests)
  local merged = { failures = {}, hits = {}, misses = {} }
  local keys = {}
  for _, thread in ipairs(threads) do
    for name, into in pairs(merged) do
      for key, count in pairs(thread:get(name) or {}) do
        into[key] = (into[key] or 0) + count
        if name ~= "failures" then
          keys[key] = true
        end
      end
    end
  end
  for second, count in pairs(merged.failures) do
    io.write(string.format("FAILURES_AT %d %d\n", second, count))
  end
  for key in pairs(keys) do
    io.write(string.format("CACHE_AT %s %d %d\n", key, merged.hits[key] or 0, merged.misses[key] or 0))
  end
end
