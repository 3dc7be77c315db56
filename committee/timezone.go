package committee

import (
	"errors"
	"strings"
	"time"

	"komitee/locales"
)

// Meetings are stored in UTC and entered and shown as wall time in Berlin. The forms send a
// date ("2027-03-28") and a clock time ("10:00"); ParseLocal turns them into the instant, and
// LocalDate and LocalClock fill the form again.

var (
	// ErrBadDate: the date is not a day of the calendar in the form's format ("2026-02-31",
	// "gestern").
	ErrBadDate = errors.New("committee: not a date (2006-01-02)")
	// ErrBadTime: the time of day is not in the form's format ("25:00").
	ErrBadTime = errors.New("committee: not a time of day (15:04)")
	// ErrSkippedTime: the wall time does not exist in Berlin (the clocks skip it when summer
	// time starts: 02:00 to 03:00 on the last Sunday of March).
	ErrSkippedTime = errors.New("committee: this time does not exist in Berlin (the clocks go forward)")
)

const (
	localDate  = "2006-01-02"
	localClock = "15:04"
)

// ParseLocal turns a Berlin wall time into UTC. A time that the clocks skip in spring is an
// error; a time that happens twice in autumn (02:00 to 03:00 on the last Sunday of October)
// means the first one, in summer time: a meeting "at 02:30" starts when the clock first says so.
func ParseLocal(date, clock string) (time.Time, error) {
	day, err := time.Parse(localDate, strings.TrimSpace(date))
	if err != nil {
		return time.Time{}, ErrBadDate
	}
	hm, err := time.Parse(localClock, strings.TrimSpace(clock))
	if err != nil {
		return time.Time{}, ErrBadTime
	}
	wall := time.Date(day.Year(), day.Month(), day.Day(), hm.Hour(), hm.Minute(), 0, 0, time.UTC)
	// time.Date picks one of the instants of an ambiguous wall time without saying which, and
	// moves a skipped one. Berlin's changes are one hour, so the instants that may show this
	// wall time are within an hour of its pick: keep the earliest that really shows it.
	t := time.Date(wall.Year(), wall.Month(), wall.Day(), wall.Hour(), wall.Minute(), 0, 0, Berlin)
	for _, c := range []time.Time{t.Add(-time.Hour), t, t.Add(time.Hour)} {
		if sameWall(c.In(Berlin), wall) {
			return c.UTC(), nil
		}
	}
	return time.Time{}, ErrSkippedTime
}

// TimeErrorKey is the locale key of what is wrong with a date and time that ParseLocal
// refused: a date that is no day, a time that is no time of day, or (only then) a wall time the
// clocks skip when summer time starts.
func TimeErrorKey(err error) string {
	switch {
	case errors.Is(err, ErrSkippedTime):
		return "meetings.error.time"
	case errors.Is(err, ErrBadTime):
		return "error.time_invalid"
	}
	return "error.date_invalid"
}

func sameWall(a, b time.Time) bool {
	return a.Year() == b.Year() && a.Month() == b.Month() && a.Day() == b.Day() &&
		a.Hour() == b.Hour() && a.Minute() == b.Minute()
}

// LocalDate is t's date in Berlin for a form's date field ("2006-01-02"); "" for no time.
func LocalDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Berlin).Format(localDate)
}

// LocalClock is t's time of day in Berlin for a form's time field ("15:04"); "" for no time.
func LocalClock(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(Berlin).Format(localClock)
}

// FormatDate writes t's day in Berlin for readers of lang, with weekday and month names from
// the locale files: "Sonntag, 28. März 2027", "Sunday, 28 March 2027", "الأحد، 28 مارس 2027".
func FormatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(Berlin)
	return locales.Tf(lang, "time.date", -1, map[string]any{
		"Weekday": locales.T(lang, "time.weekday."+strings.ToLower(t.Weekday().String())),
		"Day":     t.Day(),
		"Month":   locales.T(lang, "time.month."+strings.ToLower(t.Month().String())),
		"Year":    t.Year(),
	})
}

// FormatDay writes t's day in Berlin without the weekday, for dates in a sentence or a list:
// "11. März 2019", "11 March 2019", "11 مارس 2019".
func FormatDay(lang string, t time.Time) string {
	if t.IsZero() {
		return ""
	}
	t = t.In(Berlin)
	return locales.Tf(lang, "time.day", -1, map[string]any{
		"Day":   t.Day(),
		"Month": locales.T(lang, "time.month."+strings.ToLower(t.Month().String())),
		"Year":  t.Year(),
	})
}

// FormatTime writes t's time of day in Berlin, on the 24-hour clock that all three languages
// use here ("10:00"); lang is for symmetry with the other formatters.
func FormatTime(lang string, t time.Time) string {
	return LocalClock(t)
}

// FormatRange writes when a meeting is: "Sonntag, 28. März 2027, 10:00–12:00 Uhr" on one day,
// both ends in full when it runs over midnight, and only the start when there is no end.
func FormatRange(lang string, start, end time.Time) string {
	if start.IsZero() {
		return ""
	}
	at := func(t time.Time) string {
		return locales.Tf(lang, "time.at", -1, map[string]any{"Date": FormatDate(lang, t), "Time": FormatTime(lang, t)})
	}
	switch {
	case !end.After(start):
		return at(start)
	case LocalDate(start) == LocalDate(end):
		return locales.Tf(lang, "time.range_day", -1, map[string]any{"Date": FormatDate(lang, start),
			"Start": FormatTime(lang, start), "End": FormatTime(lang, end)})
	}
	return locales.Tf(lang, "time.range_days", -1, map[string]any{"Start": at(start), "End": at(end)})
}
