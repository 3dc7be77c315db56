package committee_test

import (
	"errors"
	"testing"
	"time"

	"komitee/committee"
)

// TestParseLocalAcrossDST: 10:00 in Berlin is 08:00Z on the last Sunday of March (summer time
// has begun that night) and 09:00Z on the last Sunday of October (it has ended); both go back
// to the same wall time.
func TestParseLocalAcrossDST(t *testing.T) {
	for _, c := range []struct{ date, clock, utc string }{
		{"2027-03-27", "10:00", "2027-03-27T09:00:00Z"}, // Saturday: still winter time
		{"2027-03-28", "10:00", "2027-03-28T08:00:00Z"},
		{"2027-10-30", "10:00", "2027-10-30T08:00:00Z"}, // Saturday: still summer time
		{"2027-10-31", "10:00", "2027-10-31T09:00:00Z"},
		{"2027-01-01", "00:00", "2026-12-31T23:00:00Z"},
		{"2027-03-28", "01:59", "2027-03-28T00:59:00Z"},
		{"2027-03-28", "03:00", "2027-03-28T01:00:00Z"},
	} {
		got, err := committee.ParseLocal(c.date, c.clock)
		if err != nil {
			t.Fatalf("%s %s: %v", c.date, c.clock, err)
		}
		if want, _ := time.Parse(time.RFC3339, c.utc); !got.Equal(want) || got.Location() != time.UTC {
			t.Errorf("%s %s = %s, want %s", c.date, c.clock, got, c.utc)
		}
		if committee.LocalDate(got) != c.date || committee.LocalClock(got) != c.clock {
			t.Errorf("%s %s round trip: %s %s", c.date, c.clock, committee.LocalDate(got), committee.LocalClock(got))
		}
	}
}

// TestParseLocalSkippedAndRepeated: 02:30 does not exist on 2027-03-28 (02:00 becomes 03:00);
// on 2027-10-31 it happens twice, and means the first, in summer time (00:30Z, not 01:30Z).
func TestParseLocalSkippedAndRepeated(t *testing.T) {
	for _, clock := range []string{"02:00", "02:30", "02:59"} {
		if _, err := committee.ParseLocal("2027-03-28", clock); !errors.Is(err, committee.ErrSkippedTime) {
			t.Errorf("2027-03-28 %s: %v, want ErrSkippedTime", clock, err)
		}
	}
	got, err := committee.ParseLocal("2027-10-31", "02:30")
	if err != nil || !got.Equal(time.Date(2027, 10, 31, 0, 30, 0, 0, time.UTC)) {
		t.Fatalf("ambiguous 02:30 = %s, %v; want the summer-time instant 00:30Z", got, err)
	}
	if _, offset := got.In(committee.Berlin).Zone(); offset != 2*3600 {
		t.Fatalf("ambiguous 02:30 read in winter time (offset %d)", offset)
	}
	// The hour after the change reads back as the same wall time, an hour later.
	if committee.LocalClock(got.Add(time.Hour)) != "02:30" {
		t.Fatal("02:30 winter time does not follow 02:30 summer time")
	}
	for _, bad := range [][2]string{{"2027-02-30", "10:00"}, {"28.03.2027", "10:00"}, {"2027-03-28", "24:00"}, {"2027-03-28", ""}, {"", ""}} {
		if _, err := committee.ParseLocal(bad[0], bad[1]); !errors.Is(err, committee.ErrBadTime) && !errors.Is(err, committee.ErrBadDate) {
			t.Errorf("%q %q: %v, want ErrBadDate or ErrBadTime", bad[0], bad[1], err)
		}
	}
	if committee.LocalDate(time.Time{}) != "" || committee.LocalClock(time.Time{}) != "" {
		t.Error("no time should fill an empty field")
	}
}

// TestFormatDate writes days and times in the reader's language, in Berlin whatever the
// instant's location.
func TestFormatDate(t *testing.T) {
	start := time.Date(2027, 3, 28, 8, 0, 0, 0, time.UTC)
	for lang, want := range map[string]string{"de": "Sonntag, 28. März 2027", "en": "Sunday, 28 March 2027", "ar": "الأحد، 28 مارس 2027"} {
		if got := committee.FormatDate(lang, start); got != want {
			t.Errorf("FormatDate(%s) = %q, want %q", lang, got, want)
		}
	}
	// 23:30Z on 31 October is already 1 November in Berlin (00:30 winter time).
	if got := committee.FormatDate("en", time.Date(2027, 10, 31, 23, 30, 0, 0, time.UTC)); got != "Monday, 1 November 2027" {
		t.Errorf("late evening UTC: %q", got)
	}
	if got := committee.FormatTime("de", time.Date(2027, 10, 31, 14, 5, 0, 0, time.UTC)); got != "15:05" {
		t.Errorf("FormatTime = %q, want 15:05 (24 h, winter time)", got)
	}
	end := start.Add(2 * time.Hour)
	for _, c := range []struct {
		lang       string
		start, end time.Time
		want       string
	}{
		{"de", start, end, "Sonntag, 28. März 2027, 10:00–12:00 Uhr"},
		{"en", start, end, "Sunday, 28 March 2027, 10:00–12:00"},
		{"ar", start, end, "الأحد، 28 مارس 2027، من الساعة 10:00 حتى 12:00"},
		{"de", start, time.Time{}, "Sonntag, 28. März 2027, 10:00 Uhr"},
		{"en", start, start.Add(24 * time.Hour), "Sunday, 28 March 2027, 10:00 to Monday, 29 March 2027, 10:00"},
		{"de", time.Time{}, time.Time{}, ""},
	} {
		if got := committee.FormatRange(c.lang, c.start, c.end); got != c.want {
			t.Errorf("FormatRange(%s) = %q, want %q", c.lang, got, c.want)
		}
	}
}

// TestParseLocalInvalidDatesAndTimes: a date that is no day of the calendar and a time that is
// no time of day get their own message; the daylight-saving message is only for the wall time
// that the clocks skip.
func TestParseLocalInvalidDatesAndTimes(t *testing.T) {
	for _, c := range []struct{ date, clock, key string }{
		{"2026-02-31", "10:00", "error.date_invalid"},
		{"gestern", "12:00", "error.date_invalid"},
		{"2026-13-01", "10:00", "error.date_invalid"},
		{"2026-05-04", "25:00", "error.time_invalid"},
		{"2026-05-04", "10:61", "error.time_invalid"},
		{"2026-05-04", "abends", "error.time_invalid"},
		{"2027-03-28", "02:30", "meetings.error.time"}, // the hour the clocks skip
	} {
		_, err := committee.ParseLocal(c.date, c.clock)
		if err == nil {
			t.Fatalf("%s %s: accepted", c.date, c.clock)
		}
		if got := committee.TimeErrorKey(err); got != c.key {
			t.Errorf("%s %s: message %s, want %s", c.date, c.clock, got, c.key)
		}
	}
	// A meeting's form: the date's own message sits at the date, the time's at the time.
	errs := committee.Errors{}
	errs.TimeSpan("2026-02-31", "10:00", "12:00", true)
	if errs["date"] != "error.date_invalid" {
		t.Errorf("meeting on 2026-02-31: %v", errs)
	}
	errs = committee.Errors{}
	errs.TimeSpan("2026-05-04", "10:00", "25:00", true)
	if errs["end"] != "error.time_invalid" {
		t.Errorf("meeting until 25:00: %v", errs)
	}
}
