package web

import "github.com/labstack/echo/v4"

// Placeholders until the handlers are written: this file goes away with them.
func (s *Server) rounds(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundNew(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundCreate(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundShow(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundVote(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundClose(c echo.Context) error { return echo.ErrNotFound }
func (s *Server) roundAgenda(c echo.Context) error { return echo.ErrNotFound }
