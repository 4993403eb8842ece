## Dates and times put together from their parts.

day-with-weekday = { $weekday } { $date }
days-ago = { $days ->
    [0] today
    [one] a day ago
   *[other] { $days } days ago
}
moment-utc = { $date }, { $time } UTC
