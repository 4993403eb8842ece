## 날짜와 시간을 조합하는 방식.

day-with-weekday = { $date } ({ $weekday })
days-ago = { $days ->
    [0] 오늘
   *[other] { $days }일 전
}
moment-utc = { $date } { $time } (UTC)
