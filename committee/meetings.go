package committee

import (
	"time"
	_ "time/tzdata" // Europe/Berlin on machines and containers without a zoneinfo database

	"github.com/pocketbase/pocketbase/core"
)

// Berlin is the committee's time zone: times are stored in UTC and shown in it.
var Berlin = mustLocation("Europe/Berlin")

func mustLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Meeting is a committee meeting, a working-group meeting or a public event.
type Meeting struct{ *core.Record }

func (m *Meeting) Title() string           { return m.GetString("title") }
func (m *Meeting) Kind() string            { return m.GetString("kind") }
func (m *Meeting) Status() string          { return m.GetString("status") }
func (m *Meeting) Visibility() string      { return m.GetString("visibility") }
func (m *Meeting) Description() string     { return m.GetString("description") }
func (m *Meeting) PlaceName() string       { return m.GetString("place_name") }
func (m *Meeting) PlaceAddress() string    { return m.GetString("place_address") }
func (m *Meeting) PlaceRoom() string       { return m.GetString("place_room") }
func (m *Meeting) PlaceAccess() string     { return m.GetString("place_access") }
func (m *Meeting) OnlineLink() string      { return m.GetString("online_link") }
func (m *Meeting) Capacity() int           { return m.GetInt("capacity") }
func (m *Meeting) Sequence() int           { return m.GetInt("sequence") }
func (m *Meeting) MinutesAudience() string { return m.GetString("minutes_audience") }
func (m *Meeting) Organisers() []string    { return m.GetStringSlice("organisers") }
func (m *Meeting) Public() bool            { return m.Visibility() == "public" }

// Starts and Ends are the meeting's times in UTC (zero while no date is fixed).
func (m *Meeting) Starts() time.Time { return m.GetDateTime("starts").Time() }
func (m *Meeting) Ends() time.Time   { return m.GetDateTime("ends").Time() }

// Dated reports whether the meeting has a fixed time.
func (m *Meeting) Dated() bool { return !m.Starts().IsZero() }

// Place is the place on one line: name, room, address.
func (m *Meeting) Place() string {
	s := ""
	for _, p := range []string{m.PlaceName(), m.PlaceRoom(), m.PlaceAddress()} {
		if p == "" {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += p
	}
	return s
}

// GroupOf is the report group of an organisation kind: migrant self-organisations (MSOs and
// migrant initiatives), public authorities, and other partners.
func GroupOf(kind string) string {
	switch kind {
	case "mso", "migrant_initiative":
		return "mso"
	case "authority":
		return "authority"
	case "":
		return "individual"
	}
	return "partner"
}
