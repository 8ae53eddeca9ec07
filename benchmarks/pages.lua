-- wrk script for cluster-bench.sh: spreads the requests over N pages, <url path>/0 .. <url path>/N-1, in turn, so
-- that a Hazelcast cluster holds them on several members (a single URL would be one key on one member). Each
-- request accepts gzip, as browsers do: the pages are stored gzip-compressed and sent as stored.
-- Usage: wrk -s benchmarks/pages.lua http://127.0.0.1:18490/hit/2k -- 64
local requests = {}
local position = 1

function init(args)
  for i = 0, tonumber(args[1] or 64) - 1 do
    requests[#requests + 1] = wrk.format(nil, wrk.path .. "/" .. i, { ["Accept-Encoding"] = "gzip" })
  end
end

function request()
  local next_request = requests[position]
  position = position % #requests + 1
  return next_request
end
