-- The public pages in rotation, for wrk. Arguments after `--`: N, then the paths.
-- Every Nth request (N > 0) carries a query string never used before, so the page cache cannot
-- answer it and the page is rendered from the database. Failed responses (status >= 400) are
-- counted per second of the clock and printed at the end as "FAILURES_AT <epoch> <count>".
local threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("id", #threads)
end

function init(args)
  bypass_every = tonumber(args[1]) or 0
  paths = {}
  for i = 2, #args do
    paths[#paths + 1] = args[i]
  end
  n = 0
  failures = {}
  prefix = tostring(id) .. "-" .. tostring(os.time())
end

function request()
  n = n + 1
  local path = paths[(n - 1) % #paths + 1]
  if bypass_every > 0 and n % bypass_every == 0 then
    local sep = "?"
    if string.find(path, "?", 1, true) then
      sep = "&"
    end
    path = path .. sep .. "nocache=" .. prefix .. "-" .. n
  end
  return wrk.format("GET", path)
end

function response(status, headers, body)
  if status >= 400 then
    local second = os.time()
    failures[second] = (failures[second] or 0) + 1
  end
end

function done(summary, latency, requests)
  local merged = {}
  for _, thread in ipairs(threads) do
    local mine = thread:get("failures")
    if mine then
      for second, count in pairs(mine) do
        merged[second] = (merged[second] or 0) + count
      end
    end
  end
  for second, count in pairs(merged) do
    io.write(string.format("FAILURES_AT %d %d\n", second, count))
  end
end
