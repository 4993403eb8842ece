-- Screenings, derived from the events that list them, for the calendars:
-- "what's on" by day and city, a film's, a venue's. Rebuilt with the event
-- (and with its venue, whose zone and city they take) in the write that
-- changes either. `day` and `local_start` are the venue's local time as the
-- programme prints it; `start_utc` is null for a day without a time.
create table screening (
    event_id text not null,
    position integer not null,
    film_id text not null,
    venue_id text not null,
    local_start text not null,
    day text not null,
    start_utc text,
    end_utc text,
    city text,
    primary key (event_id, position)
);
create index screening_by_day on screening (day, city);
create index screening_by_film on screening (film_id, day);
create index screening_by_venue on screening (venue_id, day);
