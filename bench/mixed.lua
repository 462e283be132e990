-- Cache-miss mode over several pages at once, for the soak: `wrk -s bench/mixed.lua BASE -- PATH...`.
-- Each request asks for the next path in turn, with a query string never used before (as in
-- bench/unique.lua), so every reading of the workers' memory is taken under the same mix of
-- pages instead of whichever page that run happened to load.
local counter = 0
local threads = 0
local paths = {}

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  prefix = tostring(id) .. "-" .. tostring(os.time())
  for i, path in ipairs(args) do
    paths[i] = path
  end
end

function request()
  counter = counter + 1
  local path = paths[(counter % #paths) + 1]
  local sep = "?"
  if string.find(path, "?", 1, true) then
    sep = "&"
  end
  return wrk.format(nil, path .. sep .. "nocache=" .. prefix .. "-" .. counter)
end
