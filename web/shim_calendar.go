package web

import "github.com/labstack/echo/v4"

// Placeholders until the handlers are written: this file goes away with them.
func (s *Server) publicCalendar(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingCalendar(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) personalCalendar(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) calendarToken(c echo.Context) error { return echo.ErrNotFound }
