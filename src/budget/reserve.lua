-- tiktok-errors rate-limit budget: one call reserves a request's turn in every slot it needs
-- (mode "r"), or applies what a throttle taught (mode "l"). The same arithmetic as
-- src/budget/plan.rs (`reserve`, `learn`, `spacing`), step for step; tests/budget_redis.rs
-- checks that they agree. Times are microseconds since the Unix epoch, from the server's TIME
-- (ARGV[2] = 0) so the hosts of a fleet need no clock agreement.
--
-- KEYS: one hash per slot, all with the app's hash tag (one Redis Cluster slot per app).
-- ARGV: mode, now (0: TIME), max_wait, adaptive start / min / max (thousandths of a request per
-- second), then per slot: interval, daily, adaptive (0/1) and, in mode "l": has-lesson (0/1),
-- pause (µs from now), learned spacing, decrease (0/1).
-- Reply: {granted (1/0), wait or time to the earliest instant (µs), now (µs)}.

local DAY = 86400000000
local LEARNED_TTL = 3600000000

local mode = ARGV[1]
local now = tonumber(ARGV[2])
if now == 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000000 + tonumber(t[2])
end
local max_wait = tonumber(ARGV[3])
local a_start, a_min, a_max = tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6])
local per = 3
if mode == 'l' then per = 7 end

local function num(v)
  return tonumber(v) or 0
end

local function f(x)
  return string.format('%.0f', x)
end

local function spacing(s, r)
  if r.adaptive == 1 then
    local rate = s.rate
    if rate == 0 then rate = a_start end
    return math.ceil(1000000000 / math.max(rate, 1))
  end
  return math.max(r.interval, s.learned)
end

local function save(i, s)
  redis.call('HSET', KEYS[i], 'tat', f(s.tat), 'pause', f(s.pause), 'learned', f(s.learned),
    'rate', f(s.rate), 'day', f(s.day), 'count', f(s.count), 'expires', f(s.expires))
  redis.call('PEXPIRE', KEYS[i], math.max(1, math.ceil((s.expires - now) / 1000)))
end

local S, R = {}, {}
for i = 1, #KEYS do
  local b = 6 + (i - 1) * per
  R[i] = { interval = tonumber(ARGV[b + 1]), daily = tonumber(ARGV[b + 2]), adaptive = tonumber(ARGV[b + 3]) }
  local v = redis.call('HMGET', KEYS[i], 'tat', 'pause', 'learned', 'rate', 'day', 'count', 'expires')
  local s = { tat = num(v[1]), pause = num(v[2]), learned = num(v[3]), rate = num(v[4]),
    day = num(v[5]), count = num(v[6]), expires = num(v[7]) }
  if s.expires <= now then
    s = { tat = 0, pause = 0, learned = 0, rate = 0, day = 0, count = 0, expires = 0 }
  end
  S[i] = s
end

if mode == 'r' then
  local at = now
  for i = 1, #KEYS do
    at = math.max(at, S[i].tat, S[i].pause)
  end
  for i = 1, #KEYS do
    local d = math.floor(at / DAY)
    if R[i].daily > 0 and S[i].day == d and S[i].count >= R[i].daily then
      at = math.max(at, (d + 1) * DAY)
    end
  end
  if at - now > max_wait then
    return { 0, at - now, now }
  end
  for i = 1, #KEYS do
    local s, r = S[i], R[i]
    local iv = spacing(s, r)
    s.tat = at + iv
    local day = math.floor(at / DAY)
    if r.daily > 0 then
      if s.day ~= day then
        s.day = day
        s.count = 0
      end
      s.count = s.count + 1
    end
    if r.adaptive == 1 then
      local rate = s.rate
      if rate == 0 then rate = a_start end
      local inc = math.max(math.floor(1000000 / math.max(rate, 1)), 1)
      s.rate = math.min(rate + inc, a_max)
    end
    local keep = math.max(s.tat, s.pause) + iv
    if r.daily > 0 then keep = math.max(keep, (day + 1) * DAY) end
    if s.learned > 0 or r.adaptive == 1 then keep = math.max(keep, at + LEARNED_TTL) end
    s.expires = math.max(s.expires, keep)
    save(i, s)
  end
  return { 1, at - now, now }
end

for i = 1, #KEYS do
  local b = 6 + (i - 1) * per
  if tonumber(ARGV[b + 4]) == 1 then
    local s, r = S[i], R[i]
    local pause, learned, decrease = now + tonumber(ARGV[b + 5]), tonumber(ARGV[b + 6]), tonumber(ARGV[b + 7])
    s.pause = math.max(s.pause, pause)
    if learned > 0 then s.learned = math.max(learned, r.interval) end
    if decrease == 1 then
      if r.adaptive == 1 then
        local rate = s.rate
        if rate == 0 then rate = a_start end
        s.rate = math.max(math.floor(rate / 2), a_min)
      elseif learned == 0 then
        local base = math.max(s.learned, r.interval, 10000)
        s.learned = math.min(base * 2, 60000000)
      end
    end
    s.expires = math.max(s.expires, s.pause, now + LEARNED_TTL)
    save(i, s)
  end
end
return { 1, 0, now }
