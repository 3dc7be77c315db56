package web

import "github.com/labstack/echo/v4"

// Placeholders until the handlers are written: this file goes away with them.
func (s *Server) meetings(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingNew(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingCreate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingShow(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingEdit(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingUpdate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) meetingStatus(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) dateAdd(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) dateRemove(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) dateFix(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) answersSave(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaAdd(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaEdit(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaUpdate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaMove(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaDecide(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) agendaRemove(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) registrationForm(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) registrationSave(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) registrationConfirm(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) registrations(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) attendance(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) attendanceCheckIn(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) attendanceWalkIn(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) minutesShow(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) minutesEdit(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) minutesSave(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) decisionAdd(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) actionAdd(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) minutesApprove(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) minutesPublish(c echo.Context) error { return echo.ErrNotFound }
