-- Cache-miss mode for wrk: every request carries a query string never asked for before, so the
-- page cache cannot answer it and the page is rendered (and stored) each time.
local counter = 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  prefix = tostring(id) .. "-" .. tostring(os.time())
end

function request()
  counter = counter + 1
  local path = wrk.path
  local sep = "?"
  if string.find(path, "?", 1, true) then
    sep = "&"
  end
  return wrk.format(nil, path .. sep .. "nocache=" .. prefix .. "-" .. counter)
end
