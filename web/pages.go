package web

import (
	"github.com/labstack/echo/v4"
	"github.com/pocketbase/dbx"

	"komitee/committee"
	"komitee/views/home"
)

// memberHome fills the start page of a signed-in person: their organisations and what waits
// for them.
func (s *Server) memberHome(c echo.Context, u *committee.User, lang string, m *home.Home) error {
	m.Unverified = !u.Verified()
	ms, orgs, err := committee.MembershipsOf(s.app, u.Id)
	if err != nil {
		return err
	}
	for _, ms := range ms {
		if o := orgs[ms.OrganisationID()]; o != nil {
			m.MyOrganisations = append(m.MyOrganisations, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug(),
				Note: t(lang, "role."+ms.Role()) + " · " + t(lang, "mstatus."+ms.Status())})
		}
	}
	mine, err := committee.MyOrganisations(s.app, u.Record)
	if err != nil {
		return err
	}
	for _, o := range mine {
		if o.Status() == "applied" || o.Status() == "declined" {
			m.MyOrganisations = append(m.MyOrganisations, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug(),
				Note: t(lang, "status."+o.Status())})
		}
	}
	m.Waiting = s.waiting(u, mine, lang)
	return nil
}

// waiting lists what waits for the person: join requests to decide in the organisations they
// manage (of mine), applications to review.
func (s *Server) waiting(u *committee.User, mine []*committee.Organisation, lang string) []home.Link {
	var out []home.Link
	if committee.MayCoordinate(u.Record) {
		if apps, err := committee.Applications(s.app, u.Record); err == nil && len(apps) > 0 {
			out = append(out, home.Link{Text: tf(lang, "home.applications", len(apps)), Href: "/coordination"})
		}
	}
	for _, o := range mine {
		if !committee.CanManage(s.app, u.Record, o) || !o.Listed() {
			continue
		}
		// Counted through the memberships rule (managers see their organisation's requests).
		p, err := committee.List(s.app, u.Record, "memberships", committee.Query{Filter: `organisation = {:o} && status = "pending"`,
			Params: dbx.Params{"o": o.Id}, PerPage: 1, Fields: []string{"status"}})
		if err == nil && p.TotalItems > 0 {
			out = append(out, home.Link{Text: o.Name(), Href: "/organisations/" + o.Slug() + "/people",
				Note: tf(lang, "home.requests", p.TotalItems)})
		}
	}
	return out
}
