-- Cache-miss mode for wrk: every request carries a query string never asked for before, so the
-- page cache cannot answer it and the page is rendered (and stored) each time.
--   wrk -s bench/unique.lua URL               the URL's path, again and again
--   wrk -s bench/unique.lua BASE -- PATH...   each of the paths in turn (the soak: every reading
--                                             of the workers' memory is taken under one mix)
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
  if #paths == 0 then
    paths[1] = wrk.path
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
